import { defineConfig } from 'vitest/config';

// The real-keychain suite: run it under scripts/with-keychain.sh, which gives
// it a private D-Bus session and an unlocked, throwaway gnome-keyring.
export default defineConfig({
  test: {
    include: ['test/integration/keychain/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
