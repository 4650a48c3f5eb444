// `node scripts/entry.mjs <name> <file.ts> [args…]`: runs a TypeScript entry
// point (pos, bench, soak) on the project's Node through tsx, so that an old
// Node or a crash is said in one sentence instead of a silent exit.
import { requireSupportedNode, runNode } from './runtime.mjs';

const [name, file, ...args] = process.argv.slice(2);
requireSupportedNode(`run ${name}`);
process.exit(await runNode(`MoMo POS \`npm run ${name}\``, ['--import', 'tsx', file, ...args]));
