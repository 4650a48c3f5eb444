/**
 * `npm run pos -- <command> [options]`: MoMo POS from a terminal, for the
 * owner and support. Commands live in ./commands.ts.
 */
import { commandLine, runWhenMain } from './command-line';
import type { Language } from '../../../shared/i18n';
import type { CommandIo } from './command';
import { COMMANDS } from './commands';

const pos = commandLine('pos', COMMANDS, 'cli.pos.footer');

export const usage = (language?: Language): string => pos.usage(language);
export const runPos = (argv: string[], io: CommandIo): Promise<number> => pos.run(argv, io);

runWhenMain(import.meta.url, pos);
