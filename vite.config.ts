// Serves the demo (Acme Portal) from demo/, with its API mounted as dev-server middleware:
// `npm run demo` (see scripts/demo.mjs) or `npx vite`. The packages are used from their dist/.
import { defineConfig } from 'vite';
import { acmeDemoApi } from './demo/server/vite-plugin.js';

export default defineConfig({
  root: 'demo',
  plugins: [acmeDemoApi()],
  server: {
    host: 'localhost',
    // The database and the tests change while the demo runs; neither is part of the page.
    watch: { ignored: ['**/.data/**', '**/test/**', '**/.scratch/**'] },
  },
  optimizeDeps: {
    // Crawl the packages' built modules too, lazily loaded ones included (the QR code), so every
    // dependency is pre-bundled at start and the page never reloads mid-flow to add one.
    entries: ['index.html', '../packages/elements/dist/**/*.js', '!**/test/**'],
  },
  clearScreen: false,
});
