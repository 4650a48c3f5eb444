/** The secrets MoMo POS keeps: one keychain account per name. */
export const SECRET_NAMES = [
  'collectionSubscriptionKey',
  'collectionSecondarySubscriptionKey',
  'disbursementSubscriptionKey',
  'disbursementSecondarySubscriptionKey',
  'apiUser',
  'apiKey',
  'disbursementApiUser',
  'disbursementApiKey',
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];

export function isSecretName(name: unknown): name is SecretName {
  return typeof name === 'string' && (SECRET_NAMES as readonly string[]).includes(name);
}

/** A set-flag per secret, all false: the shape of "nothing stored". */
export function noSecretsSet(): Record<SecretName, boolean> {
  return Object.fromEntries(SECRET_NAMES.map((name) => [name, false])) as Record<SecretName, boolean>;
}
