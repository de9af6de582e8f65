// `npm run demo [-- --port N]`: starts the Acme Portal demo.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../demo/index.html', import.meta.url))) {
  console.log('The demo is not built yet. Run `npm test` to check the packages, and see README.md.');
  process.exit(0);
}
await import('../demo/server/start.mjs');
