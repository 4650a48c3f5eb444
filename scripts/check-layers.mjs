// The layer rule (docs/style.md): shared <- electron/core <- electron/main; renderer -> shared only.
// Fails (exit 1) naming each forbidden import. Usage: node scripts/check-layers.mjs [root]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const SOURCE = /\.(m|c)?(t|j)sx?$/;
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s*['"]([^'"]+)['"]/g;

const rules = [
  { layer: 'shared', forbid: (spec, target) => isElectron(spec) || isReactOrDom(spec) || within(target, 'electron') || within(target, 'renderer'), why: 'shared/ runs everywhere: no electron, React, DOM, electron/ or renderer/ imports' },
  { layer: 'electron/core', forbid: (spec, target) => isElectron(spec) || isReactOrDom(spec) || within(target, 'electron/main') || within(target, 'electron/preload') || within(target, 'renderer'), why: 'electron/core runs under plain Node: no electron, React, main, preload or renderer imports' },
  { layer: 'renderer', forbid: (spec, target) => isElectron(spec) || within(target, 'electron'), why: 'renderer/ talks to the engine through window.pos only: no electron or electron/ imports' },
  { layer: 'electron/preload', forbid: (spec, target) => (!spec.startsWith('.') && spec !== 'electron') || within(target, 'electron/core') || within(target, 'electron/main'), why: 'the sandboxed preload imports only electron and shared/pos-api' },
];

function isElectron(spec) {
  return spec === 'electron' || spec.startsWith('electron/');
}
function isReactOrDom(spec) {
  return spec === 'react' || spec.startsWith('react-dom') || spec.startsWith('react/');
}
function within(target, folder) {
  return target !== undefined && (target === path.join(root, folder) || target.startsWith(path.join(root, folder) + path.sep));
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (SOURCE.test(entry.name)) yield full;
  }
}

const problems = [];
for (const rule of rules) {
  const dir = path.join(root, rule.layer);
  try {
    if (!statSync(dir).isDirectory()) continue;
  } catch {
    continue;
  }
  for (const file of files(dir)) {
    if (rule.layer === 'electron/core' && file.startsWith(path.join(root, 'electron/core') + path.sep) === false) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3] ?? match[4];
      if (!spec) continue;
      const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : undefined;
      if (rule.forbid(spec, target)) problems.push(`${path.relative(root, file)}: imports '${spec}' — ${rule.why}`);
    }
  }
}

if (problems.length) {
  console.error(`Layering check failed (${problems.length}):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log('Layering check: ok');
