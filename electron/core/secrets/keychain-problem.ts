import { PosError } from '../../../shared/errors';
import { KeychainLibraryMissing } from './keytar';

/** Said where "no keychain" is said, when the keychain library itself was never installed. */
export function keychainLibraryMissingProblem(platform: NodeJS.Platform = process.platform): string {
  const fix =
    platform === 'linux'
      ? 'Reinstall MoMo POS; when running from source, install libsecret-1-dev and pkg-config, then run npm ci again.'
      : 'Reinstall MoMo POS; when running from source, run npm ci again.';
  return `The keychain library is not installed, so MoMo credentials cannot be read or saved and the till stays in training mode. ${fix} For a headless till, give the credentials as MOMO_* environment variables instead.`;
}

/** What to do about a keychain that cannot be used, by platform. */
export function keychainProblem(platform: NodeJS.Platform = process.platform, detail?: string): string {
  const fix =
    platform === 'darwin'
      ? 'Open Keychain Access, unlock the login keychain, then try again.'
      : platform === 'win32'
        ? 'Check that Windows Credential Manager is running for this user, then try again.'
        : 'On Linux, install and start gnome-keyring (or another Secret Service) and unlock it; on a headless machine run the app under dbus-run-session with gnome-keyring-daemon --unlock, or give the credentials as MOMO_* environment variables.';
  const said = detail ? ` (The keychain said: ${detail.trim().replace(/\s+/g, ' ').slice(0, 200)})` : '';
  return `The system keychain is not available, so MoMo credentials cannot be read or saved. ${fix}${said}`;
}

export function keychainUnavailable(platform: NodeJS.Platform, cause: unknown): PosError {
  if (cause instanceof KeychainLibraryMissing) {
    const error = new PosError('KEYCHAIN_UNAVAILABLE', keychainLibraryMissingProblem(platform));
    error.cause = cause;
    return error;
  }
  const detail = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : undefined;
  const error = new PosError('KEYCHAIN_UNAVAILABLE', keychainProblem(platform, detail));
  error.cause = cause;
  return error;
}

export function isKeychainUnavailable(error: unknown): error is PosError {
  return error instanceof PosError && error.code === 'KEYCHAIN_UNAVAILABLE';
}
