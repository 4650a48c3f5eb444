/**
 * The `pos` command line: one entry per subcommand. To add one (report,
 * export…), write `<name>.ts` exporting a PosCommand (see command.ts) and
 * list it in COMMANDS.
 */
import type { PosCommand } from './command';
import { exportCommand } from './export';
import { pushCommand } from './push';
import { reportCommand } from './report';
import { restoreCommand } from './restore';
import { supportCommand } from './support';
import { verifyCommand } from './verify';

export { EXIT, UsageError, type CommandIo, type PosCommand } from './command';

export const COMMANDS: readonly PosCommand[] = [verifyCommand, reportCommand, exportCommand, pushCommand, restoreCommand, supportCommand];
