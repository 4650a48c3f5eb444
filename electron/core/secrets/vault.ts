import type { SecretName } from './names';

/** Which secrets are stored: flags only, never a value. */
export interface CredentialStatus {
  available: boolean;
  /** Why the store cannot be used, as a sentence for the manager; present when available is false. */
  problem?: string;
  set: Record<SecretName, boolean>;
}

/** Where MoMo secrets live. Values go in and come out; status() tells only which are set. */
export interface CredentialVault {
  status(): Promise<CredentialStatus>;
  get(name: SecretName): Promise<string | undefined>;
  set(name: SecretName, value: string): Promise<void>;
  /** One secret, or every secret when no name is given (the address they were entered for goes with all of them). */
  clear(name?: SecretName): Promise<void>;
  /**
   * The API address these keys were entered for, when it is not one of MTN's
   * own (not a secret: kept beside them so the keys never go elsewhere).
   * A vault without it binds no address: its keys go to MTN's hosts only.
   */
  keysAddress?(): Promise<string | undefined>;
  setKeysAddress?(address: string | undefined): Promise<void>;
}
