import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Everything in `dependencies` and `optionalDependencies` stays external to
// main (native modules stay unpacked; keytar is optional and may be absent); the renderer bundles its own dependencies (react, zustand are
// devDependencies for that reason). The sandboxed preload is CommonJS and
// bundles the tiny shared/pos-api.ts, nothing else.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: { include: ['keytar'] },
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      emptyOutDir: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
