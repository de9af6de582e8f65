// The `qrcode` encoder core is CommonJS. Left to an app's bundler, CommonJS costs the sign-in path
// bytes it never runs: esbuild, for one, puts its CommonJS runtime (`__commonJS`, `__toESM`) in a
// chunk that every chunk imports, the first load included, although only the lazy QR chunk needs
// it. So the build converts the encoder once into a single ES module with its requires inlined,
// dist/qr/qrcode-core.js, and dist/qr/qr-matrix.js imports that instead: whatever bundles dist/
// keeps all of it inside the QR chunk.
//
// Two parts of qrcode are left out on the way, which `<totp-qr>` never reaches: `dijkstrajs`, which
// qrcode uses only to choose the segments of a plain string, and kanji mode. `<totp-qr>` always
// passes its own byte and alphanumeric segments (qrSegments in src/qr/qr-matrix.ts, whose tests
// compare them with qrcode's own search), so neither runs (without a Shift JIS converter, which
// TOTP Gate never sets, qrcode encodes kanji segments as bytes); a plain string fails with the
// error below instead of drawing. That keeps ~0.6 kB gzip out of the enrollment screens.

import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The specifier the sources import the encoder by (qr-matrix.ts). */
export const QRCODE_CORE = 'qrcode/lib/core/qrcode.js';

const require = createRequire(import.meta.url);

const UNUSED = `function unused() {
  throw new Error('This build of the qrcode encoder takes byte and alphanumeric segments only: TOTP Gate passes its own.');
}`;
/** What `require('dijkstrajs')` and `require('./kanji-data')` give inside the converted encoder. */
const STUBS = {
  dijkstrajs: `${UNUSED}\nmodule.exports = { find_path: unused };`,
  'kanji-data': `${UNUSED}\nmodule.exports = unused;\nunused.getBitsLength = unused;`,
};

/** @type {import('esbuild').Plugin} */
const withoutUnusedParts = {
  name: 'without-unused-parts',
  setup(b) {
    b.onResolve({ filter: /^dijkstrajs$/ }, () => ({ path: 'dijkstrajs', namespace: 'qrcode-unused' }));
    b.onResolve({ filter: /^\.\/kanji-data$/ }, () => ({ path: 'kanji-data', namespace: 'qrcode-unused' }));
    b.onLoad({ filter: /.*/, namespace: 'qrcode-unused' }, (args) => ({
      contents: STUBS[/** @type {keyof typeof STUBS} */ (args.path)],
      loader: 'js',
    }));
  },
};

/**
 * The encoder core as one ES module (its default export is `module.exports`), with qrcode's
 * MIT licence notice on top.
 * @param {string} [file] the encoder core's file (default: the one this package resolves)
 * @returns {Promise<string>}
 */
export async function qrcodeCoreAsEsm(file = require.resolve(QRCODE_CORE)) {
  // lib/core/qrcode.js → the package's own package.json, for its version.
  const { version } = JSON.parse(readFileSync(join(dirname(file), '../../package.json'), 'utf8'));
  const result = await build({
    entryPoints: [file],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [withoutUnusedParts],
  });
  const header = [
    `// qrcode ${version} (lib/core), converted from CommonJS to one ES module by`,
    '// the build of @totp-gate/elements. MIT licence, Copyright (c) 2012 Ryan Day:',
    '// https://github.com/soldair/node-qrcode/blob/master/license',
  ].join('\n');
  return `${header}\n${/** @type {import('esbuild').OutputFile} */ (result.outputFiles[0]).text}`;
}

/**
 * An esbuild plugin that serves `qrcode/lib/core/qrcode.js` as that ES module.
 * @type {import('esbuild').Plugin}
 */
export const qrcodeAsEsm = {
  name: 'qrcode-as-esm',
  setup(b) {
    b.onResolve({ filter: /^qrcode\/lib\/core\/qrcode\.js$/ }, (args) => ({
      path: createRequire(args.importer || import.meta.url).resolve(args.path),
      namespace: 'qrcode-esm',
    }));
    b.onLoad({ filter: /.*/, namespace: 'qrcode-esm' }, async (args) => ({
      contents: await qrcodeCoreAsEsm(args.path),
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};
