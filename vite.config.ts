// Serves the demo (Acme Portal) with its API mounted as dev-server middleware.
// The demo issue fills this in; until then `npm run demo` says so.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'demo',
  resolve: { conditions: ['source'] },
});
