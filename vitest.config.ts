import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    exclude: ['test/integration/keychain/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The command lines speak the shell's language (LANG, MOMO_POS_LANGUAGE): tests that read their English pin it, whatever the developer's shell says; a test of another language sets it itself.
    env: { LANG: 'C.UTF-8', MOMO_POS_LANGUAGE: '' },
  },
});
