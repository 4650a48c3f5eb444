/**
 * The `pos` command line: one entry per subcommand. To add one (report,
 * export…), write `<name>.ts` exporting a PosCommand and list it in COMMANDS.
 */
import { exportCommand } from './export';
import { pushCommand } from './push';
import { reportCommand } from './report';
import { restoreCommand } from './restore';
import { supportCommand } from './support';
import { verifyCommand } from './verify';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

export interface PosCommand {
  name: string;
  /** One line for the usage text. */
  summary: string;
  /** e.g. 'verify [--data-dir D] [--training]' */
  usage: string;
  /** Resolves to the exit code. Throw UsageError for bad arguments (exit 2). */
  run(args: string[], io: CommandIo): number | Promise<number>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, failed: 1, usage: 2, cannotRun: 3 } as const;

export const COMMANDS: readonly PosCommand[] = [verifyCommand, reportCommand, exportCommand, pushCommand, restoreCommand, supportCommand];
