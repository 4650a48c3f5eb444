/**
 * The connection test's answer in the manager's language: the engine's
 * sentence is English; its `reason` and `facts` pick ours in French and
 * Kinyarwanda (English keeps the engine's own, more precise, sentence).
 */
import type { ConnectionTest } from '../../../shared/contract';
import type { MessageKey } from '../../../shared/i18n';
import type { Words } from '../i18n';

const BY_REASON: Record<string, MessageKey> = {
  connected: 'connection.connected',
  connectedSandbox: 'connection.connectedSandbox',
  wrongCurrency: 'connection.wrongCurrency',
  keysNotForThisAddress: 'connection.keysElsewhere',
  missingKeys: 'connection.missingKeys',
  INVALID_SUBSCRIPTION_KEY: 'connection.INVALID_SUBSCRIPTION_KEY',
  LOGIN_FAILED: 'connection.LOGIN_FAILED',
  UNAUTHORIZED: 'connection.UNAUTHORIZED',
  NOT_ALLOWED_TARGET_ENVIRONMENT: 'connection.NOT_ALLOWED_TARGET_ENVIRONMENT',
  NETWORK: 'connection.NETWORK',
  TIMEOUT: 'connection.TIMEOUT',
  RESOURCE_NOT_FOUND: 'connection.notMomo',
  NOT_FOUND: 'connection.notMomo',
  BAD_RESPONSE: 'connection.notMomo',
  SERVICE_UNAVAILABLE: 'connection.momoDown',
  INTERNAL_PROCESSING_ERROR: 'connection.momoDown',
  TOO_MANY_REQUESTS: 'connection.momoDown',
  NOT_ALLOWED: 'connection.notAllowed',
  FORBIDDEN: 'connection.notAllowed',
};

export function connectionSentence(result: ConnectionTest, words: Words): string {
  if (words.language === 'en' || !result.reason) return result.message;
  const key = BY_REASON[result.reason] ?? 'connection.other';
  return words.t(key, { ...result.facts, reason: result.reason });
}
