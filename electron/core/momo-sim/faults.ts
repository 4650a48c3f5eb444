/**
 * Fault injection: rules that hit the next requests of an operation (see
 * `FaultRule` in `types.ts` for what each kind does), and the answer a fault
 * that answers by itself gives.
 */
import type { Answer, FaultRule, SimProduct } from './types';
import { GATEWAY, momoError } from './validation';

export interface Faults {
  inject(rule: FaultRule): void;
  clear(): void;
  /** The first rule that matches this request, used up by one; undefined when none does. */
  take(operation: string, product: SimProduct): FaultRule | undefined;
  applied(): number;
  pending(): number;
}

export function createFaults(initial: readonly FaultRule[] = []): Faults {
  let faults: Array<FaultRule & { left: number }> = [];
  let faultsApplied = 0;
  const inject = (rule: FaultRule) => faults.push({ ...rule, left: rule.times ?? 1 });
  for (const rule of initial) inject(rule);
  return {
    inject,
    clear() {
      faults = [];
    },
    take(operation, product) {
      const index = faults.findIndex(
        (rule) => (rule.operation === undefined || rule.operation === '*' || rule.operation === operation) && (rule.product === undefined || rule.product === product),
      );
      const rule = faults[index];
      if (!rule) return undefined;
      rule.left -= 1;
      if (rule.left <= 0) faults.splice(index, 1);
      faultsApplied += 1;
      return rule;
    },
    applied: () => faultsApplied,
    pending: () => faults.length,
  };
}

export function faultAnswer(rule: FaultRule): Answer {
  switch (rule.kind) {
    case 'http500':
      return momoError(500, 'INTERNAL_PROCESSING_ERROR', 'An internal error occurred while processing.');
    case 'http503':
      return momoError(503, 'SERVICE_UNAVAILABLE', 'The service is unavailable.');
    case 'unauthorized':
      return { status: 401, json: rule.style === 'subscription-key' ? GATEWAY.invalidKey : GATEWAY.invalidToken };
    default:
      return { status: 200, text: '{"status":"SUCCESSFUL","amount":"10' };
  }
}
