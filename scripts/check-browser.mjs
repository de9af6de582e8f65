import { INSTALL_HINT, findChromium } from './chromium.mjs';

const path = findChromium();
if (!path) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
console.log(`Browser tests use ${path}`);
