/**
 * What every command of `pos` and `hq` is made of: its shape, its exit codes,
 * the usage mistake it throws, the one options parser (node:util's
 * parseArgs, strict, no positionals; a bad option is a usage mistake) and
 * `say`, a command's sentence in the shell's language (`shellLanguage`): every
 * sentence a command prints is a `cli.*` key of the catalogue.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { shellLanguage, translate, type Language, type MessageKey, type MessageParams } from '../../../shared/i18n';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** A command line's own sentence: a catalogue key under `cli.`. */
export type CliKey = Extract<MessageKey, `cli.${string}`>;

export interface PosCommand {
  name: string;
  /** One line for the usage text, as a key (`cli.pos.verify.summary`). */
  summary: CliKey;
  /** Values the summary names (`{days}`). */
  summaryParams?: MessageParams;
  /** e.g. 'verify [--data-dir D] [--training]': the syntax, the same in every language. */
  usage: string;
  /** Resolves to the exit code. Throw UsageError for bad arguments (exit 2). */
  run(args: string[], io: CommandIo): number | Promise<number>;
}

/** `sayIn(language)('cli.push.empty')`: a command's sentence in a language. */
export function sayIn(language: Language): (key: CliKey, params?: MessageParams) => string {
  return (key, params) => translate(language, key, params);
}

/** `say(io)('cli.push.empty')`: a command's sentence in the shell's language. */
export function say(io: CommandIo): (key: CliKey, params?: MessageParams) => string {
  return sayIn(shellLanguage(io.env));
}

/** A usage mistake (exit 2): its sentence is a key, said in the shell's language; `.message` is the English, for logs. */
export class UsageError extends Error {
  readonly key: CliKey;
  readonly params: MessageParams;
  constructor(key: CliKey, params: MessageParams = {}) {
    super(translate('en', key, params));
    this.name = 'UsageError';
    this.key = key;
    this.params = params;
  }
}

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, failed: 1, usage: 2, cannotRun: 3 } as const;

/**
 * A command's options (strict: an unknown option, a missing or unwanted
 * value, or a positional argument is a UsageError naming it). The mistake is
 * found from parseArgs' tokens, so its sentence is ours, in the shell's
 * language, not Node's English.
 */
export function parseOptions<const O extends ParseArgsOptionsConfig>(args: string[], options: O) {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') throw new UsageError('cli.usage.positional', { argument: token.value });
    if (token.kind === 'option-terminator') continue;
    const option = token.rawName;
    const config = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (!config) throw new UsageError('cli.usage.unknownOption', { option });
    // `--from --to x`: a value that looks like an option is a forgotten value, as strict parseArgs also says.
    if (config.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) throw new UsageError('cli.usage.needsValue', { option });
    if (config.type === 'boolean' && token.inlineValue) throw new UsageError('cli.usage.takesNoValue', { option });
  }
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    // Anything the walk above did not foresee: still a usage mistake, with Node's words as its detail.
    throw new UsageError('cli.usage.badOptions', { detail: (error as Error).message });
  }
}
