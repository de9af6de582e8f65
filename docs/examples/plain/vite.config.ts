// Builds the plain-HTML recipe. A real page without a bundler serves the single-file bundle
// itself at /vendor/totp-gate.js; here Vite maps that URL to the package's bundle so the test
// proves the HTML above works with the shipped file.
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';

const require = createRequire(import.meta.url);

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  resolve: {
    alias: { '/vendor/totp-gate.js': require.resolve('@totp-gate/elements/bundle') },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
