import { englishSentence, PosError, type ErrorKey } from '../../../shared/errors';
import { KeychainLibraryMissing } from './keytar';

/** Said where "no keychain" is said, when the keychain library itself was never installed. */
export function keychainLibraryMissingProblem(platform: NodeJS.Platform = process.platform): string {
  return englishSentence(keychainLibraryMissingKey(platform));
}

function keychainLibraryMissingKey(platform: NodeJS.Platform): ErrorKey {
  return platform === 'linux' ? 'error.secrets.keychainLibraryMissingLinux' : 'error.secrets.keychainLibraryMissing';
}

/** The sentence for a keychain that cannot be used, by platform (what to do about it). */
export function keychainUnavailableKey(platform: NodeJS.Platform = process.platform): ErrorKey {
  return platform === 'darwin' ? 'error.secrets.keychainUnavailableMac' : platform === 'win32' ? 'error.secrets.keychainUnavailableWindows' : 'error.secrets.keychainUnavailableLinux';
}

/** What to do about a keychain that cannot be used, by platform. */
export function keychainProblem(platform: NodeJS.Platform = process.platform, detail?: string): string {
  return englishSentence(keychainUnavailableKey(platform), { said: saidOf(detail) });
}

/** What the keychain itself said (its own words, for support), on one line, at most 200 characters; '' when it said nothing. */
export function saidOf(detail: string | undefined): string {
  return detail ? ` (${detail.trim().replace(/\s+/g, ' ').slice(0, 200)})` : '';
}

export function keychainUnavailable(platform: NodeJS.Platform, cause: unknown): PosError {
  if (cause instanceof KeychainLibraryMissing) {
    const error = new PosError('KEYCHAIN_UNAVAILABLE', keychainLibraryMissingKey(platform));
    error.cause = cause;
    return error;
  }
  const detail = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : undefined;
  const error = new PosError('KEYCHAIN_UNAVAILABLE', keychainUnavailableKey(platform), { said: saidOf(detail) });
  error.cause = cause;
  return error;
}

export function isKeychainUnavailable(error: unknown): error is PosError {
  return error instanceof PosError && error.code === 'KEYCHAIN_UNAVAILABLE';
}
