/**
 * One command line's plumbing (usage text, dispatch, exit codes, running as
 * the main module), shared by `npm run pos` and `npm run hq`.
 */
import { pathToFileURL } from 'node:url';
import { PosError } from '../../../shared/errors';
import { EXIT, UsageError, type CommandIo, type PosCommand } from './command';

export interface CommandLine {
  usage(): string;
  /** One command's own help: what it does and how to call it. */
  commandUsage(command: PosCommand): string;
  run(argv: string[], io: CommandIo): Promise<number>;
}

export function commandLine(program: string, commands: readonly PosCommand[], footer: string): CommandLine {
  const usage = () => {
    const width = Math.max(...commands.map((command) => command.usage.length));
    return [`Usage: npm run ${program} -- <command> [options]`, '', 'Commands:', ...commands.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`), '', footer].join('\n');
  };
  const commandUsage = (command: PosCommand) =>
    [`Usage: npm run ${program} -- ${command.usage}`, '', `${command.summary.charAt(0).toUpperCase()}${command.summary.slice(1)}.`].join('\n');
  const asksForHelp = (arg: string | undefined) => arg === 'help' || arg === '--help' || arg === '-h';
  const line: CommandLine = {
    usage,
    commandUsage,
    async run(argv, io) {
      const [name, ...args] = argv;
      // `help report` reads as `report --help`.
      if (asksForHelp(name) && args[0] !== undefined && !asksForHelp(args[0])) return line.run([args[0], '--help'], io);
      if (name === undefined || asksForHelp(name)) {
        (name === undefined ? io.err : io.out)(usage());
        return name === undefined ? EXIT.usage : EXIT.ok;
      }
      const command = commands.find((candidate) => candidate.name === name);
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
  return line;
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
