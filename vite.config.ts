// Serves the demo (Acme Portal) from demo/, with its API mounted as dev-server middleware:
// `npm run demo` (see scripts/demo.mjs) or `npx vite`. The packages are used from their dist/.
import { defineConfig } from 'vite';
import { acmeDemoApi } from './demo/server/vite-plugin.js';

export default defineConfig({
  root: 'demo',
  plugins: [acmeDemoApi()],
  server: { host: 'localhost' },
  clearScreen: false,
});
