/**
 * `npm run pos -- <command> [options]`: MoMo POS from a terminal, for the
 * owner and support. Commands live in ./commands.ts.
 */
import { pathToFileURL } from 'node:url';
import { PosError } from '../../../shared/errors';
import { COMMANDS, EXIT, UsageError, type CommandIo, type PosCommand } from './commands';

export function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.usage.length));
  return [
    'Usage: npm run pos -- <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    '',
    'The data folder is MOMO_POS_DATA_DIR, or the platform’s data folder for MoMo POS, unless --data-dir says otherwise.',
  ].join('\n');
}

/** One command's own help: what it does and how to call it. */
export function commandUsage(command: PosCommand): string {
  return [`Usage: npm run pos -- ${command.usage}`, '', `${command.summary.charAt(0).toUpperCase()}${command.summary.slice(1)}.`].join('\n');
}

const asksForHelp = (arg: string | undefined) => arg === 'help' || arg === '--help' || arg === '-h';

export async function runPos(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  // `help report` reads as `report --help`.
  if (asksForHelp(name) && args[0] !== undefined && !asksForHelp(args[0])) return runPos([args[0], '--help'], io);
  if (name === undefined || asksForHelp(name)) {
    (name === undefined ? io.err : io.out)(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${usage()}`);
    return EXIT.usage;
  }
  // Asking a command for help never runs it, wherever --help stands.
  if (args.some((arg) => arg === '--help' || arg === '-h')) {
    io.out(commandUsage(command));
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\nUsage: npm run pos -- ${command.usage}`);
      return EXIT.usage;
    }
    if (error instanceof PosError) {
      io.err(error.message);
      return EXIT.cannotRun;
    }
    io.err(`pos ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.cannotRun;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const io: CommandIo = { out: (line) => console.log(line), err: (line) => console.error(line), env: process.env };
  runPos(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(String(error));
      process.exitCode = EXIT.cannotRun;
    },
  );
}
