/** A failed PosApi answer as the stores keep it: codes, turned into words by the components (shared/messages). */
export interface Failure {
  code: string;
  message: string;
  field?: string;
  /** MoMo set-up failures: why (a connection-test reason code) and the facts to say it with. */
  reason?: string;
  facts?: Record<string, string>;
}

export function failureOf(result: { ok: false; code: string; message: string; field?: string; reason?: string; facts?: Record<string, string> }): Failure {
  return {
    code: result.code,
    message: result.message,
    ...(result.field === undefined ? {} : { field: result.field }),
    ...(result.reason === undefined ? {} : { reason: result.reason, facts: result.facts ?? {} }),
  };
}
