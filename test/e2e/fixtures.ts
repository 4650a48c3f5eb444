/**
 * Browser mode for e2e: each test gets its own server (`electron/core/app/web-entry.ts`)
 * on 127.0.0.1 with a fresh data folder, and a page already holding the token.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startBrowserMode, type BrowserMode } from '../helpers/browser-mode';

export type PosServer = BrowserMode;
export { startBrowserMode };

export const test = base.extend<{ server: PosServer; counter: Page }>({
  server: async ({}, use) => {
    const server = await startBrowserMode();
    await use(server);
    await server.stop();
  },
  counter: async ({ page, server }, use) => {
    await page.goto(server.openUrl);
    await expect(page.getByLabel('Phone', { exact: true })).toBeVisible();
    await use(page);
  },
});

/** One PosApi call over the server's HTTP transport, as the renderer makes it (set-up a test needs, not what it checks). */
export async function callApi<T = unknown>(server: PosServer, method: string, input: unknown = {}): Promise<T> {
  const response = await fetch(`${server.url}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(input),
  });
  const answer = (await response.json()) as { ok: boolean; data?: T; code?: string; message?: string };
  if (!answer.ok) throw new Error(`${method}: ${answer.code} ${answer.message}`);
  return answer.data as T;
}

/** The API caller holds the manager's grant: the PIN is chosen at first start (which unlocks), or typed again when it exists. */
export async function unlockByApi(server: PosServer, managerPin = '482916'): Promise<void> {
  try {
    await callApi(server, 'till.setManagerPin', { pin: managerPin });
  } catch (error) {
    // A PIN already chosen: setting it again needs the current one (UNAUTHORIZED) or the grant (FORBIDDEN); type it instead.
    if (!/FORBIDDEN|UNAUTHORIZED/.test(String(error))) throw error;
    await callApi(server, 'till.checkManagerPin', { pin: managerPin });
  }
}

/** A manager PIN, cashier Ann (PIN 1357) and an open shift: what the till needs before cash. */
export async function openShiftByApi(server: PosServer, managerPin = '482916', openingFloat = '5000'): Promise<void> {
  await unlockByApi(server, managerPin);
  await callApi(server, 'till.setCashier', { name: 'Ann', pin: '1357', managerPin });
  await callApi(server, 'till.openShift', { openingFloat, cashier: 'Ann', pin: '1357' });
}

export { expect };
