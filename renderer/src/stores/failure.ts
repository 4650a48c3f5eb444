/** A failed PosApi answer as the stores keep it: codes, turned into words by the components (shared/messages). */
export interface Failure {
  code: string;
  message: string;
  field?: string;
}

export function failureOf(result: { ok: false; code: string; message: string; field?: string }): Failure {
  return result.field === undefined ? { code: result.code, message: result.message } : { code: result.code, message: result.message, field: result.field };
}
