// The layer rules (docs/style.md, drawn in docs/design.md "The house"):
//   1. the tiers: shared <- electron/core <- electron/main; renderer -> shared only; the preload imports only electron and shared/pos-api;
//   2. the rooms of electron/core in order (CORE_ROOMS, lowest first): a room imports only rooms on a lower level;
//   3. no import circle anywhere in product code (electron/, shared/, renderer/src), type-only imports included.
// Fails (exit 1) naming each forbidden import and each circle. Usage: node scripts/check-layers.mjs [root]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const SOURCE = /\.(m|c)?(t|j)sx?$/;
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s*['"]([^'"]+)['"]/g;

/**
 * The rooms of electron/core, lowest level first. A room may import only rooms on a lower
 * level (never one on its own level, never one above). A file at the top of electron/core is
 * a room of its own, named without its extension. A new room must be placed here.
 */
export const CORE_ROOMS = [
  ['data-dir', 'events', 'secrets', 'settings', 'momo-sim'],
  ['ledger', 'momo'],
  ['fiscal', 'movements', 'api'],
  ['vsdc-sim', 'context', 'web'],
  ['payments', 'receipts'],
  ['till'],
  ['headoffice'],
  ['support'],
  ['setup'],
  ['cli'],
  ['app'],
];

/**
 * KNOWN EXCEPTIONS: imports that still run up the rooms today, each allowed by exact file pair
 * (paths inside electron/core). Delete an entry once its import is gone (the check says when).
 */
export const KNOWN_EXCEPTIONS = [
];

const tierRules = [
  { layer: 'shared', forbid: (spec, target) => isElectron(spec) || isReactOrDom(spec) || within(target, 'electron') || within(target, 'renderer'), why: 'shared/ runs everywhere: no electron, React, DOM, electron/ or renderer/ imports' },
  { layer: 'electron/core', forbid: (spec, target) => isElectron(spec) || isReactOrDom(spec) || within(target, 'electron/main') || within(target, 'electron/preload') || within(target, 'renderer'), why: 'electron/core runs under plain Node: no electron, React, main, preload or renderer imports' },
  { layer: 'renderer', forbid: (spec, target) => isElectron(spec) || within(target, 'electron'), why: 'renderer/ talks to the engine through window.pos only: no electron or electron/ imports' },
  { layer: 'electron/preload', forbid: (spec, target) => (!spec.startsWith('.') && spec !== 'electron') || within(target, 'electron/core') || within(target, 'electron/main'), why: 'the sandboxed preload imports only electron and shared/pos-api' },
];
/** Product code: where an import circle is refused. */
const PRODUCT = ['electron', 'shared', 'renderer/src'];

function isElectron(spec) {
  return spec === 'electron' || spec.startsWith('electron/');
}
function isReactOrDom(spec) {
  return spec === 'react' || spec.startsWith('react-dom') || spec.startsWith('react/');
}
function within(target, folder) {
  return target !== undefined && (target === path.join(root, folder) || target.startsWith(path.join(root, folder) + path.sep));
}
function isDirectory(dir) {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function* files(dir) {
  if (!isDirectory(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (SOURCE.test(entry.name)) yield full;
  }
}

const importsCache = new Map();
/** Each import of a file: its specifier and, for a relative one, the file it names (when found). */
function importsOf(file) {
  if (importsCache.has(file)) return importsCache.get(file);
  const found = [];
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (!spec) continue;
    const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : undefined;
    found.push({ spec, target, file: target === undefined ? undefined : resolveFile(target) });
  }
  importsCache.set(file, found);
  return found;
}
function resolveFile(target) {
  const stem = target.replace(/\.(m|c)?js$/, '');
  const candidates = [target, ...['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'].map((ext) => stem + ext), ...['index.ts', 'index.tsx', 'index.js', 'index.mjs'].map((name) => path.join(target, name))];
  return candidates.find(isFile);
}

const problems = [];
const relative = (file) => path.relative(root, file).split(path.sep).join('/');

// 1. The tiers.
for (const rule of tierRules) {
  for (const file of files(path.join(root, rule.layer))) {
    for (const { spec, target } of importsOf(file)) {
      if (rule.forbid(spec, target)) problems.push(`${relative(file)}: imports '${spec}' — ${rule.why}`);
    }
  }
}

// 2. The rooms of electron/core.
const core = path.join(root, 'electron/core');
const levelOf = new Map(CORE_ROOMS.flatMap((rooms, level) => rooms.map((room) => [room, level])));
const insideCore = (file) => path.relative(core, file).split(path.sep).join('/');
const roomOf = (file) => {
  const parts = insideCore(file).split('/');
  return parts.length === 1 ? parts[0].replace(SOURCE, '') : parts[0];
};
const exceptionsUsed = new Set();
for (const file of files(core)) {
  const room = roomOf(file);
  if (!levelOf.has(room)) {
    problems.push(`${relative(file)}: room '${room}' is not in CORE_ROOMS (scripts/check-layers.mjs): place it in the order of the rooms`);
    continue;
  }
  for (const { spec, file: target } of importsOf(file)) {
    if (target === undefined || !target.startsWith(core + path.sep)) continue;
    const other = roomOf(target);
    if (other === room || !levelOf.has(other)) continue;
    if (levelOf.get(other) < levelOf.get(room)) continue;
    const exception = KNOWN_EXCEPTIONS.find((known) => known.from === insideCore(file) && known.to === insideCore(target));
    if (exception) {
      exceptionsUsed.add(exception);
      continue;
    }
    const how = levelOf.get(other) === levelOf.get(room) ? 'on the same level as' : 'above';
    problems.push(`${relative(file)}: imports '${spec}' — electron/core/${other} is ${how} electron/core/${room} in CORE_ROOMS: a room imports only rooms below it`);
  }
}

// 3. No circle in product code (Tarjan's strongly connected components).
const graph = new Map();
for (const folder of PRODUCT) {
  for (const file of files(path.join(root, folder))) {
    graph.set(file, [...new Set(importsOf(file).map((found) => found.file).filter((target) => target !== undefined))]);
  }
}
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
let counter = 0;
const circles = [];
function connect(node) {
  index.set(node, counter);
  low.set(node, counter);
  counter++;
  stack.push(node);
  onStack.add(node);
  for (const next of graph.get(node) ?? []) {
    if (!graph.has(next)) continue;
    if (!index.has(next)) {
      connect(next);
      low.set(node, Math.min(low.get(node), low.get(next)));
    } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
  }
  if (low.get(node) !== index.get(node)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== node);
  if (component.length > 1 || (graph.get(node) ?? []).includes(node)) circles.push(component);
}
for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
/** One circle through the component, from its first file back to it (breadth first, shortest). */
function circleThrough(component) {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const before = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const node = queue.shift();
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const way = [start];
        for (let at = node; at !== start; at = before.get(at)) way.splice(1, 0, at);
        return [...way, start];
      }
      if (!before.has(next)) {
        before.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
for (const component of circles) {
  const way = circleThrough(component).map(relative);
  problems.push(`import circle (${component.length} file${component.length === 1 ? '' : 's'}): ${way.join(' → ')}`);
}

for (const exception of KNOWN_EXCEPTIONS) {
  if (!exceptionsUsed.has(exception) && isDirectory(core)) console.log(`Known exception no longer needed (delete it from KNOWN_EXCEPTIONS): electron/core/${exception.from} → electron/core/${exception.to}`);
}
if (problems.length) {
  console.error(`Layering check failed (${problems.length}):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log('Layering check: ok');
