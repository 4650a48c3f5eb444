// What every npm entry point shares: the Node check, and running a child so
// that it never ends silently. Plain JavaScript that runs on any Node, so an
// old one is told what to do instead of crashing.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MINIMUM_NODE = [22, 12];

/** The project brings its own Node (the `node` devDependency puts it at node_modules/.bin/node, where npm scripts look first). */
export function requireSupportedNode(entry) {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1])) return;
  console.error(
    `MoMo POS cannot run \`npm ${entry}\` on Node ${process.versions.node}: it needs Node ${MINIMUM_NODE.join('.')} or newer, which the project installs for itself — run \`npm ci\` (with the npm registry reachable) and then the same command again.`,
  );
  process.exit(1);
}

/** A sentence for a child that died of a signal we did not send (a crash: better-sqlite3 on the wrong Node, out of memory). */
export function crashSentence(what, signal) {
  return `${what} stopped unexpectedly (signal ${signal}) on Node ${process.versions.node}: a native module may be built for another Node or the machine ran out of memory — run \`npm ci\` again, and if it happens again report it with this line.`;
}

/**
 * Runs `node <args>` on this same Node with the terminal attached. Ctrl-C and
 * SIGTERM are passed on and the child's own ending is awaited; a crash is
 * said in one sentence. Resolves with the exit code to use.
 */
export function runNode(what, args, { stdout = 'inherit', env = process.env, onStdout } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['inherit', onStdout ? 'pipe' : stdout, 'inherit'] });
    let stopping = false;
    const pass = (signal) => {
      stopping = true;
      // Passed on even though a terminal's Ctrl-C reaches the whole group: the child may have been signalled alone.
      child.kill(signal);
    };
    process.on('SIGINT', pass);
    process.on('SIGTERM', pass);
    if (onStdout) {
      child.stdout.on('data', (chunk) => {
        process.stdout.write(chunk);
        onStdout(chunk.toString());
      });
    }
    child.on('error', (error) => {
      console.error(`${what} could not be started: ${error.message}.`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', pass);
      process.off('SIGTERM', pass);
      if (signal && !(stopping && (signal === 'SIGINT' || signal === 'SIGTERM'))) {
        console.error(crashSentence(what, signal));
        resolve(1);
        return;
      }
      resolve(code ?? 0);
    });
  });
}
