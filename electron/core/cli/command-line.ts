/**
 * One command line's plumbing (usage text, dispatch, exit codes, running as
 * the main module), shared by `npm run pos` and `npm run hq`.
 */
import { pathToFileURL } from 'node:url';
import { PosError } from '../../../shared/errors';
import { EXIT, UsageError, type CommandIo, type PosCommand } from './commands';

export interface CommandLine {
  usage(): string;
  run(argv: string[], io: CommandIo): Promise<number>;
}

export function commandLine(program: string, commands: readonly PosCommand[], footer: string): CommandLine {
  const usage = () => {
    const width = Math.max(...commands.map((command) => command.usage.length));
    return [`Usage: npm run ${program} -- <command> [options]`, '', 'Commands:', ...commands.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`), '', footer].join('\n');
  };
  return {
    usage,
    async run(argv, io) {
      const [name, ...args] = argv;
      if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
        (name === undefined ? io.err : io.out)(usage());
        return name === undefined ? EXIT.usage : EXIT.ok;
      }
      const command = commands.find((candidate) => candidate.name === name);
      if (!command) {
        io.err(`Unknown command "${name}".\n\n${usage()}`);
        return EXIT.usage;
      }
      try {
        return await command.run(args, io);
      } catch (error) {
        if (error instanceof UsageError) {
          io.err(`${error.message}\nUsage: npm run ${program} -- ${command.usage}`);
          return EXIT.usage;
        }
        if (error instanceof PosError) {
          io.err(error.message);
          return EXIT.cannotRun;
        }
        io.err(`${program} ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        return EXIT.cannotRun;
      }
    },
  };
}

/** Runs the command line when `moduleUrl` is the script Node was started with. */
export function runWhenMain(moduleUrl: string, line: CommandLine): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const io: CommandIo = { out: (text) => console.log(text), err: (text) => console.error(text), env: process.env };
  line.run(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(String(error));
      process.exitCode = EXIT.cannotRun;
    },
  );
}
