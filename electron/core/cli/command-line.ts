/**
 * One command line's plumbing (usage text, dispatch, exit codes, running as
 * the main module), shared by `npm run pos` and `npm run hq`.
 */
import { pathToFileURL } from 'node:url';
import { PosError } from '../../../shared/errors';
import { noticeText } from '../../../shared/error-text';
import { translate, type Language, shellLanguage } from '../../../shared/i18n';
import { EXIT, UsageError, type CliKey, type CommandIo, type PosCommand } from './command';

export interface CommandLine {
  usage(language?: Language): string;
  /** One command's own help: what it does and how to call it. */
  commandUsage(command: PosCommand, language?: Language): string;
  run(argv: string[], io: CommandIo): Promise<number>;
}

export function commandLine(program: string, commands: readonly PosCommand[], footer: CliKey): CommandLine {
  const usage = (language: Language = 'en') => {
    const width = Math.max(...commands.map((command) => command.usage.length));
    return [
      translate(language, 'cli.usage', { usage: `npm run ${program} -- <command> [options]` }),
      '',
      translate(language, 'cli.commands'),
      ...commands.map((command) => `  ${command.usage.padEnd(width)}  ${translate(language, command.summary, command.summaryParams)}`),
      '',
      translate(language, footer),
    ].join('\n');
  };
  const commandUsage = (command: PosCommand, language: Language = 'en') => {
    const summary = translate(language, command.summary, command.summaryParams);
    return [translate(language, 'cli.usage', { usage: `npm run ${program} -- ${command.usage}` }), '', `${summary.charAt(0).toUpperCase()}${summary.slice(1)}.`].join('\n');
  };
  const asksForHelp = (arg: string | undefined) => arg === 'help' || arg === '--help' || arg === '-h';
  const line: CommandLine = {
    usage,
    commandUsage,
    async run(argv, io) {
      const language = shellLanguage(io.env);
      const [name, ...args] = argv;
      // `help report` reads as `report --help`.
      if (asksForHelp(name) && args[0] !== undefined && !asksForHelp(args[0])) return line.run([args[0], '--help'], io);
      if (name === undefined || asksForHelp(name)) {
        (name === undefined ? io.err : io.out)(usage(language));
        return name === undefined ? EXIT.usage : EXIT.ok;
      }
      const command = commands.find((candidate) => candidate.name === name);
      if (!command) {
        io.err(`${translate(language, 'cli.unknownCommand', { command: name })}\n\n${usage(language)}`);
        return EXIT.usage;
      }
      // Asking a command for help never runs it, wherever --help stands.
      if (args.some((arg) => arg === '--help' || arg === '-h')) {
        io.out(commandUsage(command, language));
        return EXIT.ok;
      }
      try {
        return await command.run(args, io);
      } catch (error) {
        if (error instanceof UsageError) {
          io.err(`${translate(language, error.key, error.params)}\n${translate(language, 'cli.usage', { usage: `npm run ${program} -- ${command.usage}` })}`);
          return EXIT.usage;
        }
        if (error instanceof PosError) {
          io.err(noticeText(error, language));
          return EXIT.cannotRun;
        }
        io.err(translate(language, 'cli.failed', { command: `${program} ${name}`, detail: error instanceof Error ? error.message : String(error) }));
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
