/** A failed PosApi answer as the stores keep it: a code, a catalogue key and its parameters, turned into words by the components (shared/error-text). */
import type { ErrorKey, ErrorParams } from '../../../shared/errors';

export interface Failure {
  code: string;
  /** The English sentence (logs, and the fallback for a key this screen does not know). */
  message: string;
  key?: ErrorKey;
  params?: ErrorParams;
  field?: string;
  /** MoMo set-up failures: why (a connection-test reason code). */
  reason?: string;
}

export function failureOf(result: { ok: false; code: string; message: string; key?: ErrorKey; params?: ErrorParams; field?: string; reason?: string }): Failure {
  return {
    code: result.code,
    message: result.message,
    ...(result.key === undefined ? {} : { key: result.key, params: result.params ?? {} }),
    ...(result.field === undefined ? {} : { field: result.field }),
    ...(result.reason === undefined ? {} : { reason: result.reason }),
  };
}
