/**
 * An engine refusal in the reader's language: the catalogue sentence of its
 * key, its parameters filled in (money written the language's own way). Every
 * failure carries its key (the engine's PosError, the plumbing's keyedFailure);
 * MoMo's refusals passed on as `MOMO_<code>` are said by their reason's keys.
 */
import { fillSentence, isErrorKey, type ErrorKey, type ErrorParams, type SentenceWriter } from './errors';
import { translate } from './i18n';
import { describeReason, type ErrorDescription, type Language } from './messages';
import { formatMoney, fromDecimalString, isCurrency } from './money';

/** A failed PosApi call as the stores keep it (what crosses IPC and HTTP). */
export interface FailureLike {
  code: string;
  message: string;
  key?: string | undefined;
  params?: ErrorParams | undefined;
  field?: string | undefined;
}

function writerFor(language: Language): SentenceWriter {
  return {
    money(param) {
      if (!isCurrency(param.currency)) return `${param.currency} ${param.money}`;
      try {
        return formatMoney(fromDecimalString(param.money, param.currency), param.currency, language);
      } catch {
        return `${param.currency} ${param.money}`;
      }
    },
    sentence: (inner) => errorSentence(language, inner.key, inner.params) ?? '',
  };
}

/** The sentence of an engine refusal's key in the language; undefined for a key this build does not know. */
export function errorSentence(language: Language, key: unknown, params?: ErrorParams): string | undefined {
  if (!isErrorKey(key)) return undefined;
  return fillSentence(translate(language, key), params, writerFor(language));
}

/** A sentence under a field (a refusal from the shared rules, a warning) in the language; its English when the key is unknown. */
export function noticeText(notice: { key?: string | undefined; params?: ErrorParams | undefined; message: string }, language: Language): string {
  return errorSentence(language, notice.key, notice.params) ?? notice.message;
}

/** Refusals with a next step of their own, said under the sentence. */
const NEXT_STEPS: Partial<Record<ErrorKey, ErrorKey>> = {
  'error.managerMustUnlock': 'error.managerMustUnlock.nextStep',
  'error.internal': 'error.internal.nextStep',
  'error.offline': 'error.offline.nextStep',
};

/** A keyed sentence and its next step (when it has one) in the language; undefined for a key this build does not know. */
export function errorDescription(language: Language, key: unknown, params?: ErrorParams): ErrorDescription | undefined {
  const sentence = errorSentence(language, key, params);
  if (sentence === undefined) return undefined;
  const next = NEXT_STEPS[key as ErrorKey];
  return next ? { sentence, nextStep: errorSentence(language, next) ?? '' } : { sentence };
}

/**
 * What the cashier reads for a failed call: the sentence of its key. MoMo's
 * own refusals (`MOMO_<code>`) by their reason; a failure without a key this
 * build knows can only come from a bug or a newer engine: a neutral sentence
 * naming its code.
 */
export function describeFailure(failure: FailureLike, language: Language): ErrorDescription {
  const described = errorDescription(language, failure.key, failure.params);
  if (described) return described;
  if (failure.code.startsWith('MOMO_')) return describeReason(failure.code.slice('MOMO_'.length) || failure.code, language);
  return { sentence: errorSentence(language, 'error.unexplained', { code: failure.code }) ?? failure.code };
}
