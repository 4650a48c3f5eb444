/**
 * `npm run pos -- <command> [options]`: MoMo POS from a terminal, for the
 * owner and support. Commands live in ./commands.ts.
 */
import { commandLine, runWhenMain } from './command-line';
import type { CommandIo } from './command';
import { COMMANDS } from './commands';

const pos = commandLine('pos', COMMANDS, 'The data folder is MOMO_POS_DATA_DIR, or the platform’s data folder for MoMo POS, unless --data-dir says otherwise.');

export const usage = (): string => pos.usage();
export const runPos = (argv: string[], io: CommandIo): Promise<number> => pos.run(argv, io);

runWhenMain(import.meta.url, pos);
