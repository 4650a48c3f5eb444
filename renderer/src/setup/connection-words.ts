/**
 * The connection test's answer in the manager's language: the engine's
 * sentence is English; its `reason` and `facts` pick ours in French and
 * Kinyarwanda (English keeps the engine's own, more precise, sentence).
 */
import type { ConnectionTest } from '../../../shared/contract';
import { connectionKeyOf } from '../../../shared/errors';
import type { Words } from '../i18n';

export function connectionSentence(result: ConnectionTest, words: Words): string {
  if (words.language === 'en' || !result.reason) return result.message;
  const key = connectionKeyOf(result.reason);
  return words.t(key, { ...result.facts, reason: result.reason });
}
