/**
 * The renderer: gzip size of the built JS + CSS, and the time from
 * navigation start to an interactive counter (the Phone field editable) in
 * headless Chromium against browser mode. Median of 5 cold loads (a fresh
 * browser context each: empty cache), on the machine as it is and again
 * while worker threads spin on every core (a till busy with other work).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { startBrowserMode } from '../test/helpers/browser-mode';
import { ROOT } from './ledger';
import { median } from './random';

const progress = (line: string) => process.stderr.write(`  [renderer] ${line}\n`);

export interface InteractiveSeries {
  runsMs: number[];
  medianMs: number;
}

export interface RendererResult {
  files: Array<{ name: string; bytes: number; gzipBytes: number }>;
  rawKB: number;
  gzipKB: number;
  /** What index.html itself loads (the counter); the rest (set-up, till) loads when first opened. */
  startGzipKB: number;
  builtNow: boolean;
  /** Cold loads on the machine as it is, and while `busyThreads` threads spin (one per core). */
  interactive: { idle: InteractiveSeries; busy: InteractiveSeries; busyThreads: number };
  chromium: string;
}

export function bundleSizes(): Pick<RendererResult, 'files' | 'rawKB' | 'gzipKB' | 'startGzipKB' | 'builtNow'> {
  const assets = path.join(ROOT, 'out/renderer/assets');
  let builtNow = false;
  if (!existsSync(assets)) {
    progress('no build in out/renderer: npx electron-vite build…');
    const build = spawnSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('electron-vite build failed');
    builtNow = true;
  }
  const files = readdirSync(assets)
    .filter((name) => name.endsWith('.js') || name.endsWith('.css'))
    .map((name) => {
      const bytes = readFileSync(path.join(assets, name));
      return { name, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    });
  const kb = (n: number) => n / 1024;
  const html = readFileSync(path.join(ROOT, 'out/renderer/index.html'), 'utf8');
  const atStart = files.filter((f) => html.includes(`assets/${f.name}`));
  return {
    files,
    rawKB: kb(files.reduce((s, f) => s + f.bytes, 0)),
    gzipKB: kb(files.reduce((s, f) => s + f.gzipBytes, 0)),
    startGzipKB: kb(atStart.reduce((s, f) => s + f.gzipBytes, 0)),
    builtNow,
  };
}

/** Set in the page before any script: the moment #phone exists and can be typed in. */
const WATCH_PHONE = `
(() => {
  const ready = () => {
    const phone = document.getElementById('phone');
    return phone instanceof HTMLInputElement && !phone.disabled && !phone.readOnly && phone.getClientRects().length > 0;
  };
  const mark = () => {
    if (window.__phoneReadyAt === undefined && ready()) window.__phoneReadyAt = performance.now();
  };
  new MutationObserver(mark).observe(document, { subtree: true, childList: true, attributes: true });
  const frame = () => { mark(); if (window.__phoneReadyAt === undefined) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})();`;

/** Keeps every core busy until stopped: one thread per core spinning on a shared flag. */
function spinEveryCore(threads = os.availableParallelism()): { threads: number; stop(): Promise<void> } {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const code = `const { workerData } = require('node:worker_threads'); const flag = new Int32Array(workerData); let x = 0; while (Atomics.load(flag, 0) === 0) { x = (x * 1103515245 + 12345) | 0; }`;
  const workers = Array.from({ length: threads }, () => new Worker(code, { eval: true, workerData: flag.buffer }));
  return {
    threads,
    async stop() {
      Atomics.store(flag, 0, 1);
      await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve))));
    },
  };
}

/** Cold loads of the counter, one fresh browser context each; the first only warms caches and is not counted. */
async function timeLoads(browser: Browser, server: { url: string; token: string }, runs: number): Promise<InteractiveSeries> {
  const runsMs: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 820 } });
    const page = await context.newPage();
    await page.addInitScript(WATCH_PHONE);
    // The cookie first (what the printed URL's redirect does), so the timed load is the counter itself.
    await context.addCookies([{ name: 'momo_pos_token', value: server.token, url: server.url }]);
    await page.goto(server.url + '/');
    await page.waitForFunction(() => (window as { __phoneReadyAt?: number }).__phoneReadyAt !== undefined, undefined, { timeout: 60_000 });
    const at = await page.evaluate(() => (window as { __phoneReadyAt?: number }).__phoneReadyAt!);
    // Check it really takes typing.
    await page.getByLabel('Phone', { exact: true }).fill('0788123456');
    if (run > 0) runsMs.push(at); // run 0 warms the server's file cache and Chromium's start
    await context.close();
  }
  return { runsMs, medianMs: median(runsMs) };
}

export async function runRendererBench(runs = 5): Promise<RendererResult> {
  const sizes = bundleSizes();
  const server = await startBrowserMode();
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const idle = await timeLoads(browser, server, runs);
    progress(`time to interactive, machine as it is: ${idle.runsMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    const load = spinEveryCore();
    let busy: InteractiveSeries;
    try {
      busy = await timeLoads(browser, server, runs);
    } finally {
      await load.stop();
    }
    progress(`time to interactive, ${load.threads} threads spinning: ${busy.runsMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    return { ...sizes, interactive: { idle, busy, busyThreads: load.threads }, chromium: browser.version() };
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runRendererBench(), null, 2));
