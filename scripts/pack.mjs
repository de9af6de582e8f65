// `npm run pack [-- --out DIR]`: an installable tarball of every publishable package, built
// first by its `prepack`, in DIR (default `packs/`). Install them in an app with
// `npm install ./packs/totp-gate-core-0.1.0.tgz ./packs/totp-gate-elements-0.1.0.tgz …`.
import { mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, pack, publishablePackages } from './packages.mjs';

const { values } = parseArgs({ options: { out: { type: 'string', default: resolve(ROOT, 'packs') } } });
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const tarballs = publishablePackages().map((pkg) => pack(pkg, out).tarball);
console.log(`\nTarballs in ${out}:`);
for (const tarball of tarballs) console.log(`  ${relative(out, tarball)}`);
console.log(`\nInstall them together in your app:\n  npm install ${tarballs.join(' ')}`);
