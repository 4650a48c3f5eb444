/**
 * What every command of `pos` and `hq` is made of: its shape, its exit codes,
 * the usage mistake it throws, and the one options parser (node:util's
 * parseArgs, strict, no positionals; a bad option is a usage mistake).
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

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

/** A command's options (strict: an unknown option or a positional argument is a UsageError). */
export function parseOptions<const O extends ParseArgsOptionsConfig>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
