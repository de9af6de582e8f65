// Serves the demo (Acme Portal) from demo/, with its API mounted as dev-server middleware:
// `npm run demo` (see scripts/demo.mjs) or `npx vite`. The packages are used from their dist/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { acmeDemoApi } from './demo/server/vite-plugin.js';

export default defineConfig({
  root: 'demo',
  plugins: [acmeDemoApi()],
  server: {
    host: 'localhost',
    // No CORS answers: no page on another origin (another localhost port included) may read the
    // demo's files or API. Vite's default allows every localhost origin.
    cors: false,
    // The database and the tests change while the demo runs; neither is part of the page.
    watch: { ignored: ['**/.data/**', '**/test/**', '**/.scratch/**'] },
    fs: {
      // What the page loads: the demo, the packages' built modules and the dependencies. Not the
      // repository's sources, its git folder or the server package (Vite's default is the
      // whole workspace).
      allow: ['demo', 'packages/core/dist', 'packages/elements/dist', 'node_modules'].map((p) =>
        fileURLToPath(new URL(p, import.meta.url)),
      ),
      // S72, next to the demo's own guard (demo/server/private-files.ts): the data folder, the
      // database and key files wherever they are, and the demo's server code.
      deny: [
        '.env',
        '.env.*',
        '*.{crt,pem}',
        '**/.git/**',
        '**/.data/**',
        '**/*.sqlite*',
        '**/*.key',
        '**/demo/server/**',
      ],
    },
  },
  optimizeDeps: {
    // Crawl the packages' built modules too, lazily loaded ones included (the QR code), so every
    // dependency is pre-bundled at start and the page never reloads mid-flow to add one.
    entries: ['index.html', '../packages/elements/dist/**/*.js', '!**/test/**'],
  },
  clearScreen: false,
});
