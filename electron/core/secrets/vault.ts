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
  /** One secret, or every secret when no name is given. */
  clear(name?: SecretName): Promise<void>;
}
