/**
 * An engine refusal in the reader's language: the catalogue sentence of its
 * key, its parameters filled in (money written the language's own way). A
 * refusal without a key (MoMo's own codes, a transport failure) is said by
 * its code (shared/messages describeError).
 */
import { fillSentence, isErrorKey, type ErrorParams, type SentenceWriter } from './errors';
import { translate } from './i18n';
import { describeError, type ErrorDescription, type Language } from './messages';
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

/** What the cashier reads for a failed call: the keyed sentence, else the words for its code. */
export function describeFailure(failure: FailureLike, language: Language): ErrorDescription {
  const { code, message, field } = failure;
  // The manager's grant and an error inside the app have their own next step; the code says them.
  if ((code === 'FORBIDDEN' && field === 'grant') || code === 'INTERNAL') return describeError(code, message, language, field);
  const sentence = errorSentence(language, failure.key, failure.params);
  return sentence === undefined ? describeError(code, message, language, field) : { sentence };
}
