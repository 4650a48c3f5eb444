/**
 * The fiscal methods of the PosApi (fiscal.status, fiscal.configure,
 * fiscal.receipt): set-up of the shop's fiscal device behind the manager's
 * grant, what waits for a signature, and a sale's fiscal receipt.
 */
import type { HandlerGroup } from '../api';
import type { PosContext } from '../context';
import { PosError } from '../../../shared/errors';

export function createFiscalHandlers(_context: PosContext): HandlerGroup {
  const notYet = (): never => {
    throw new PosError('CONFLICT', 'Fiscal receipts are not wired yet.');
  };
  return {
    'fiscal.status': notYet,
    'fiscal.configure': notYet,
    'fiscal.receipt': notYet,
  };
}
