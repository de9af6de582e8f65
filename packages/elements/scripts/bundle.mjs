// Builds dist/totp-gate.js: every element in one ES module for `<script type="module">` pages
// without a bundler. Lit, core, zod/mini and the CommonJS `qrcode` encoder are bundled inside
// (no `require` is left for the browser). Only what a page may never need stays lazy: the QR
// encoder and the de/fr/es catalogues become chunks in dist/chunks/, fetched relative to the
// bundle on first use. Prints the size of every file, minified and gzipped.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { minifyTemplatesInSource } from './minify-templates.mjs';
import { qrcodeAsEsm } from './qrcode-esm.mjs';

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url)));
const DIST = join(PACKAGE, 'dist');

/** Modules that stay behind a dynamic import() in the bundle. */
const LAZY = /^\.\/(qr-matrix|de|fr|es)\.js$/;

/**
 * Modules that sources load with `import()` (and use the result) although the bundle holds them
 * anyway, with the exports used: English's enrollment part, which `loadLocale('en')` fetches in
 * the per-element build (through en-enroll-chunk.ts) and the enrollment elements bundled here
 * import, core's enrollment checks, which the gate loads when an enrollment starts, and the
 * challenge's recovery-code and lock-out views, which it loads with the enrollment steps.
 */
/** @type {Record<string, string[]>} */
const BUNDLED = {
  './en-enroll-chunk.js': ['enEnroll', 'enChallengeViews'],
  '../gate/enrollment-steps.js': ['recoveryView', 'lockedView', 'CountdownController'],
  './enrollment-checks.js': ['compatibilityWarnings', 'otpauthUriMatches'],
};

/**
 * Our sources on their way into the bundle: the CSS and HTML in their Lit templates are minified
 * (as in the per-element modules), and, since the bundle registers every element up front, the
 * elements' own lazy loading would only split the bundle into more files: each
 * `void import('…')` whose result is unused (the gate's `void import('./enrollment-steps.js')`)
 * becomes a static import, and each `import()` of a BUNDLED module a resolved promise of its
 * exports (a namespace import would make esbuild share a helper chunk with the locale chunks).
 */
/** @type {import('esbuild').Plugin} */
const ourSources = {
  name: 'our-sources',
  setup(b) {
    b.onLoad({ filter: /[/\\]src[/\\].*\.ts$/ }, (args) => {
      const source = minifyTemplatesInSource(readFileSync(args.path, 'utf8'), args.path);
      /** @type {string[]} */
      const statics = [];
      const contents = source
        .replace(/\bvoid import\(\s*'(\.{1,2}\/[^']+\.js)'\s*\)/g, (call, /** @type {string} */ path) => {
          if (LAZY.test(path)) return call;
          statics.push(`import '${path}';`);
          return 'void 0';
        })
        .replace(/\bimport\(\s*'(\.{1,2}\/[^']+\.js)'\s*\)/g, (call, /** @type {string} */ path) => {
          const names = BUNDLED[path];
          if (!names) return call;
          statics.push(`import { ${names.map((n) => `${n} as __bundled_${n}`).join(', ')} } from '${path}';`);
          return `Promise.resolve({ ${names.map((n) => `${n}: __bundled_${n}`).join(', ')} })`;
        });
      return { contents: `${statics.join('\n')}\n${contents}`, loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

rmSync(join(DIST, 'chunks'), { recursive: true, force: true });

const result = await build({
  absWorkingDir: PACKAGE,
  entryPoints: { 'totp-gate': 'src/index.ts' },
  outdir: DIST,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  // Core's TypeScript sources, so the bundle never depends on a stale build of core.
  conditions: ['@totp-gate/source'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [ourSources, qrcodeAsEsm],
});

const rows = [];
let total = 0;
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const gzip = gzipSync(readFileSync(join(PACKAGE, file)), { level: 9 }).length;
  total += gzip;
  const name = relative(relative(PACKAGE, DIST), file);
  rows.push(`  ${name.padEnd(34)} ${String(output.bytes).padStart(7)} B  ${String(gzip).padStart(6)} B gzip`);
}
console.log(`dist/totp-gate.js and its lazy chunks:\n${rows.join('\n')}\n  all files: ${total} B gzip`);
const entry = result.metafile.outputs['dist/totp-gate.js'];
if (!entry) throw new Error('esbuild wrote no dist/totp-gate.js.');
const eager = entry.imports.filter((i) => i.kind === 'import-statement');
if (eager.length) {
  // A single file: anything the entry imports statically belongs inside it.
  throw new Error(`dist/totp-gate.js imports ${eager.map((i) => i.path).join(', ')} statically; keep it one file.`);
}
