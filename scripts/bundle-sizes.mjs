// How big our bundles are, measured the way an app ships them: esbuild (bundle, minify, ESM,
// browser, ES2022, code splitting), each output file gzipped at level 9 (and brotli 11), 1 kB =
// 1000 B. The budgets live in .size-limit.js and `npm run test:size` (size-limit with its esbuild
// plugin) enforces them with the settings and plugins exported here; this module is what
// size-limit cannot do: the first load apart from lazy chunks, brotli next to gzip, which inputs
// and packages weigh the most (printed when a budget fails, and by `npm run bench`), and the same
// measure of peers' bundles for the bench.
//
// It bundles the TypeScript sources (the `@totp-gate/source` export condition), not `dist/`: the
// figures are those of the code in the tree, on a fresh clone before anything is built. The
// elements' build minifies the CSS and HTML inside their Lit templates and ships the CommonJS
// `qrcode` encoder as one ES module (packages/elements/scripts/qrcode-esm.mjs); the same
// transforms run here on the sources (SOURCE_PLUGINS), so the figures are those of `dist/` too.
//
// `node scripts/bundle-sizes.mjs` prints every bundle of ours with the packages it is made of.
//
// Past 300 lines: one measure (the esbuild settings, how outputs are counted, and the list of our
// bundles) that .size-limit.js, the bench and this report all import, so they cannot count
// differently; a quarter of it is the JSDoc types that `tsc` checks.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minifyTemplatesInSource } from '../packages/elements/scripts/minify-templates.mjs';
import { qrcodeAsEsm } from '../packages/elements/scripts/qrcode-esm.mjs';

/**
 * @typedef {{ files: number, raw: number, gzip: number, brotli: number }} Sizes
 * @typedef {{ input: string, pkg: string, bytes: number, eager: number }} InputShare
 * @typedef {{ pkg: string, bytes: number, eager: number }} PackageShare
 * @typedef {{ entryPoint: string, gzip: number, brotli: number }} OptionalChunk
 * @typedef {{ eager: Sizes, all: Sizes, inputs: InputShare[], packages: PackageShare[],
 *   optional: OptionalChunk[] }} Measured
 * @typedef {{ id: string, label: string, figure: 'eager' | 'all', entry?: string, file?: string,
 *   alternatives?: RegExp }} Bundle
 * @typedef {Bundle & { measured?: Measured, missing?: string, error?: string }} BundleResult
 */

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The elements' build minifies the CSS and HTML inside their Lit templates (dist/ and the
 * single-file bundle); this does the same to the sources here, so the figures are what apps get.
 * @type {import('esbuild').Plugin}
 */
const elementTemplates = {
  name: 'minify-element-templates',
  setup(b) {
    b.onLoad({ filter: /[/\\]packages[/\\]elements[/\\]src[/\\].*\.ts$/ }, (args) => {
      if (args.path.endsWith('.d.ts') || args.path.endsWith('.test.ts')) return undefined;
      return { contents: minifyTemplatesInSource(readFileSync(args.path, 'utf8'), args.path), loader: 'ts' };
    });
  },
};

/** The transforms the elements' build applies, run on the sources (for the bench's pages too). */
export const SOURCE_PLUGINS = [elementTemplates, qrcodeAsEsm];

/**
 * What esbuild is told for every bundle measured, ours and peers' alike, and by size-limit.
 * @type {import('esbuild').BuildOptions}
 */
export const BUNDLE_SETTINGS = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  splitting: true,
  conditions: ['@totp-gate/source'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  metafile: true,
};

/**
 * The targets the budgets were set against, in bytes of gzip; the budgets (.size-limit.js) sit
 * just above the figures so that any growth fails `npm test`.
 *
 * Targets: core + HTTP adapter 10 kB (met); the sign-in path, `import '@totp-gate/elements/gate'`,
 * 24.5 kB first load; the full UI (everything the elements can load, English only) no more than
 * the 40.6 kB it weighed before the sign-in path was slimmed. Both are met: sign-in 23.78 kB, full
 * UI 39.64 kB, with the challenge's "Don't ask again on this device" box (+0.13 kB and +0.21 kB),
 * then the step controller that `<totp-enroll>` and `<totp-challenge>` share (sign-in 23.79 ->
 * 23.93 kB, full UI 39.67 -> 39.74 kB: one generic home for what the two elements did each in
 * their own words compresses less well than the challenge's inlined copy did), then the recovery
 * view's own text for a reused recovery code (full UI +16 B, lazy), then `<totp-gate>`'s
 * `checking-delay` (sign-in 23.89 -> 24.04 kB, full UI 39.72 -> 39.90 kB), which brings the code
 * field 30 ms sooner over HTTP by not drawing the checking step for a quick answer.
 * The budgets sit just above those figures so that any growth fails `npm test`.
 *
 * What the sign-in path's first load is made of (2 files, one of them a 49-byte entry; minified
 * bytes): Lit 13.6 kB, zod/mini 14.2 kB, core (gate, reducer, schemas, HTTP adapter, errors)
 * 13.8 kB, `<totp-gate>` 5.5 kB, `<totp-challenge>` 5.1 kB, `<totp-code-input>` 5.2 kB, the English
 * sign-in texts 2.4 kB, styles 5.8 kB, shared element code 3.9 kB. Lit + zod/mini alone, used the
 * least a UI can, are 10.2 kB gzip (`npm run bench` measures that floor in the same run). Lazy:
 * the enrollment elements and texts, the QR encoder (its own chunk), core's enrollment checks, and
 * the challenge's recovery-code and lock-out views with their texts and the countdown (with the
 * enrollment chunk: a chunk of their own would split the code shared with the first load into
 * more files, which costs more than they weigh). That lazy chunk imports `<totp-gate>` itself, so
 * esbuild keeps the whole first load in one shared file: split in two, the same code was 1.3 kB
 * more gzip (each file is compressed on its own).
 */
export const TARGETS = { core: 10_000, challenge: 24_500, full: 40_600 };

/**
 * The administrator's page: `<totp-admin>` with the admin client (`@totp-gate/core/admin`), an
 * entry of its own that neither `<totp-gate>` nor `<totp-manage>` loads (30.50 kB with a user's
 * detail, the dry run and the downloads, of which zod/mini and Lit are most). Its budget sits just
 * above its figure so that growth fails `npm test`.
 */
export const ADMIN_BUDGET = 30_560;

/**
 * Gzip (level 9) and brotli (quality 11) sizes of some bytes.
 * @param {Uint8Array} bytes
 * @returns {Omit<Sizes, 'files'>}
 */
export function compressedSizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

/** A short name for an esbuild input: `zod/v4/core/schemas.js`, `core/gate.ts`, `elements/qr/qr.ts`. */
/** @param {string} path */
export function inputOwner(path) {
  const clean = path.replace(/^[a-z-]+:/, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const ws = /packages\/([^/]+)\/(?:src\/)?(.*)$/.exec(clean);
  return ws ? `${ws[1]}/${ws[2]}` : clean;
}

/** The package an input belongs to: `zod`, `lit-html`, `@totp-gate/core`. */
/** @param {string} path */
export function inputPackage(path) {
  const clean = path.replace(/^[a-z-]+:/, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = clean.slice(nm + 'node_modules/'.length).split('/');
    const first = parts[0] ?? '';
    return first.startsWith('@') ? `${first}/${parts[1]}` : first;
  }
  const ws = /packages\/([^/]+)\//.exec(clean);
  return ws ? `@totp-gate/${ws[1]}` : clean;
}

/**
 * The outputs a figure counts, from an esbuild metafile: `eager`, what must load before the entry
 * runs (the entry's output and the chunks and CSS it imports statically); `all`, every output but
 * the lazy chunks that are `alternatives` of which a page loads one at most (a locale's messages).
 * @param {import('esbuild').Metafile['outputs']} outputs
 * @param {string} entryOut the entry's output
 * @param {RegExp | undefined} alternatives
 * @returns {{ eager: Set<string>, all: string[], optional: string[] }}
 */
export function countedOutputs(outputs, entryOut, alternatives) {
  /** @type {Set<string>} */
  const eager = new Set();
  /** @param {string} key */
  const visit = (key) => {
    const output = outputs[key];
    if (eager.has(key) || !output) return;
    eager.add(key);
    if (output.cssBundle) eager.add(output.cssBundle);
    for (const imp of output.imports) if (imp.kind === 'import-statement') visit(imp.path);
  };
  visit(entryOut);
  /** @param {string} key */
  const isAlternative = (key) =>
    !eager.has(key) && alternatives !== undefined && alternatives.test(outputs[key]?.entryPoint ?? '');
  const keys = Object.keys(outputs);
  return { eager, all: keys.filter((k) => !isAlternative(k)), optional: keys.filter(isAlternative) };
}

/**
 * An esbuild plugin for size-limit, which sums every output of a build: it leaves in the
 * metafile only the outputs that `figure` counts (see {@link countedOutputs}).
 * @param {'eager' | 'all'} figure
 * @param {RegExp} [alternatives]
 * @returns {import('esbuild').Plugin}
 */
export function countOnly(figure, alternatives) {
  return {
    name: `count-${figure}`,
    setup(b) {
      b.onEnd((result) => {
        const outputs = result.metafile?.outputs;
        if (!outputs) return;
        const entries = /** @type {string[]} */ (b.initialOptions.entryPoints).map((p) =>
          relative(b.initialOptions.absWorkingDir ?? process.cwd(), p),
        );
        const entryOut = Object.keys(outputs).find((key) => entries.includes(outputs[key]?.entryPoint ?? ''));
        if (!entryOut) throw new Error(`esbuild produced no output for ${entries.join(', ')}`);
        const counted = countedOutputs(outputs, entryOut, alternatives);
        const keep = figure === 'eager' ? [...counted.eager] : counted.all;
        for (const key of Object.keys(outputs)) if (!keep.includes(key)) delete outputs[key];
      });
    },
  };
}

/**
 * Bundles one entry (given as source text) like an app would ship it and measures it: `eager`
 * and `all` as {@link countedOutputs} says, each output compressed on its own.
 *
 * @param {object} options
 * @param {string} options.name label, also the virtual entry's file name
 * @param {string} options.contents the entry's source (JavaScript)
 * @param {string} [options.resolveDir] where bare imports resolve from (default: the repo root)
 * @param {boolean} [options.splitting] split lazy imports into chunks (default true)
 * @param {string[]} [options.conditions] export conditions (default `['@totp-gate/source']`)
 * @param {Record<string, import('esbuild').Loader>} [options.loader] esbuild `loader`
 * @param {string[]} [options.external] esbuild `external`
 * @param {RegExp} [options.alternatives] lazy chunks of which a page loads one at most: left out
 *   of `all`, listed in `optional`
 * @returns {Promise<Measured>}
 */
export async function measureEntry({
  name,
  contents,
  resolveDir = ROOT,
  splitting = true,
  conditions = ['@totp-gate/source'],
  loader,
  external,
  alternatives,
}) {
  const entry = `entry:${name}`;
  const result = await build({
    ...BUNDLE_SETTINGS,
    entryPoints: [entry],
    splitting,
    conditions,
    loader,
    external,
    logLevel: 'silent',
    outdir: join(ROOT, 'node_modules/.cache/bundle-sizes', name),
    // Metafile paths are relative to this; output files are matched to them by path.
    absWorkingDir: ROOT,
    write: false,
    plugins: [
      ...SOURCE_PLUGINS,
      /** @type {import('esbuild').Plugin} */ ({
        name: 'virtual-entry',
        setup(b) {
          b.onResolve({ filter: /^entry:/ }, (args) => ({
            path: args.path.slice('entry:'.length),
            namespace: 'entry',
          }));
          b.onLoad({ filter: /.*/, namespace: 'entry' }, () => ({ contents, resolveDir, loader: 'js' }));
        },
      }),
    ],
  });
  const files = new Map(result.outputFiles.map((file) => [relative(ROOT, file.path), file.contents]));
  const outputs = /** @type {import('esbuild').Metafile} */ (result.metafile).outputs;
  // Lazy chunks are entry points too in the metafile; the entry is the one built from ours.
  const entryOut = Object.keys(outputs).find((key) => outputs[key]?.entryPoint === entry);
  if (!entryOut) throw new Error(`esbuild produced no output for ${entry}`);
  const counted = countedOutputs(outputs, entryOut, alternatives);
  /** @param {string} key */
  const bytesOf = (key) => /** @type {Uint8Array} */ (files.get(key));
  /** @param {string[]} keys @returns {Sizes} */
  const measure = (keys) => {
    const parts = keys.filter((key) => files.has(key)).map((key) => compressedSizes(bytesOf(key)));
    return {
      files: parts.length,
      raw: parts.reduce((sum, p) => sum + p.raw, 0),
      gzip: parts.reduce((sum, p) => sum + p.gzip, 0),
      brotli: parts.reduce((sum, p) => sum + p.brotli, 0),
    };
  };
  const optional = counted.optional
    .filter((key) => files.has(key))
    .map((key) => ({ entryPoint: inputOwner(outputs[key]?.entryPoint ?? key), ...compressedSizes(bytesOf(key)) }));
  /** @type {Map<string, { bytes: number, eager: number, pkg: string }>} */
  const bytesByInput = new Map();
  for (const key of counted.all) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[key]?.inputs ?? {})) {
      const owner = inputOwner(input);
      const slot = bytesByInput.get(owner) ?? { bytes: 0, eager: 0, pkg: inputPackage(input) };
      slot.bytes += bytesInOutput;
      if (counted.eager.has(key)) slot.eager += bytesInOutput;
      bytesByInput.set(owner, slot);
    }
  }
  const inputs = [...bytesByInput].map(([input, v]) => ({ input, ...v })).sort((a, b) => b.bytes - a.bytes);
  /** @type {Map<string, { bytes: number, eager: number }>} */
  const byPackage = new Map();
  for (const { pkg, bytes, eager } of inputs) {
    const slot = byPackage.get(pkg) ?? { bytes: 0, eager: 0 };
    slot.bytes += bytes;
    slot.eager += eager;
    byPackage.set(pkg, slot);
  }
  const packages = [...byPackage].map(([pkg, v]) => ({ pkg, ...v })).sort((a, b) => b.bytes - a.bytes);
  return { eager: measure([...counted.eager]), all: measure(counted.all), inputs, packages, optional };
}

/** The lazily loaded message catalogues of the other locales (English is built in). */
export const LOCALE_CHUNK = /elements\/src\/messages\/(?!en[.-])[a-z-]+\.ts$/;
/** The same, with the catalogues of `<totp-manage>`. */
export const LOCALE_CHUNK_ANY = /elements\/src\/(?:manage\/)?messages\/(?!en[.-])[a-z-]+\.ts$/;
/** The same, with the catalogues of `<totp-admin>`. */
export const ADMIN_LOCALE_CHUNK = /elements\/src\/(?:admin\/)?messages\/(?!en[.-])[a-z-]+\.ts$/;

/**
 * Our bundles: each entry is a file in scripts/size/ (which .size-limit.js checks against its
 * budget) or, for the single-file build, the built file. `figure` says which measure a budget
 * applies to: `eager` (what loads before that path's first paint) or `all` (lazy chunks too).
 * @type {Bundle[]}
 */
export const OUR_BUNDLES = [
  { id: 'core', label: 'core + HTTP adapter', figure: 'eager', entry: 'scripts/size/core.js' },
  {
    id: 'challenge',
    label: "sign-in path: import '@totp-gate/elements/gate'",
    figure: 'eager',
    entry: 'scripts/size/sign-in.js',
    alternatives: LOCALE_CHUNK,
  },
  {
    id: 'full',
    label: 'full UI incl. lazy QR chunk',
    figure: 'all',
    entry: 'scripts/size/full.js',
    // A page loads one extra locale at most; each is listed on its own instead of summed.
    alternatives: LOCALE_CHUNK,
  },
  {
    id: 'manage',
    label: 'account settings (totp-manage, account adapter, lazy QR chunk)',
    figure: 'all',
    entry: 'scripts/size/manage.js',
    alternatives: LOCALE_CHUNK_ANY,
  },
  {
    id: 'admin',
    label: "administrator's page (totp-admin, admin client)",
    figure: 'all',
    entry: 'scripts/size/admin.js',
    alternatives: ADMIN_LOCALE_CHUNK,
  },
  {
    id: 'single-file',
    label: 'single-file dist/totp-gate.js (+ lazy chunks)',
    figure: 'all',
    file: 'packages/elements/dist/totp-gate.js',
  },
];

/**
 * A bundle as built: the file itself is the first load; the chunks it loads with `import()`
 * (read from its text) are added for `all`, except other locales' catalogues (`optional`).
 * @param {string} file
 * @returns {Measured}
 */
function measureBuiltFile(file) {
  const text = readFileSync(file, 'utf8');
  const first = { files: 1, ...compressedSizes(Buffer.from(text)) };
  const lazy = [...new Set([...text.matchAll(/import\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g)].map((m) => m[1]))]
    .map((rel) => join(dirname(file), rel ?? ''))
    .filter(existsSync);
  /** @param {string} path */
  const isLocale = (path) =>
    /^[a-z]{2}(-[a-z]{2})?-[A-Z0-9]+\.js$/i.test(basename(path)) && !/^qr/.test(basename(path));
  const all = { ...first };
  /** @type {OptionalChunk[]} */
  const optional = [];
  for (const chunk of lazy) {
    const sizes = compressedSizes(readFileSync(chunk));
    if (isLocale(chunk)) {
      optional.push({ entryPoint: relative(ROOT, chunk), gzip: sizes.gzip, brotli: sizes.brotli });
      continue;
    }
    all.files += 1;
    all.raw += sizes.raw;
    all.gzip += sizes.gzip;
    all.brotli += sizes.brotli;
  }
  return { eager: first, all, inputs: [], packages: [], optional };
}

/**
 * esbuild's own messages ("file:line: text"), or the error's message.
 * @param {unknown} error
 * @returns {string}
 */
export function describeBuildError(error) {
  /** @type {{ text: string, location?: { file: string, line: number } | null }[]} */
  const list =
    error && typeof error === 'object' && 'errors' in error && Array.isArray(error.errors) ? error.errors : [];
  if (list.length === 0) return error instanceof Error ? error.message : String(error);
  return list.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)).join('\n');
}

/**
 * Measures every bundle of ours; one that cannot be measured has `missing` or `error`.
 * @returns {Promise<BundleResult[]>}
 */
export async function measureOurBundles() {
  /** @type {BundleResult[]} */
  const results = [];
  for (const bundle of OUR_BUNDLES) {
    if (bundle.file) {
      const file = join(ROOT, bundle.file);
      if (existsSync(file)) results.push({ ...bundle, measured: measureBuiltFile(file) });
      else results.push({ ...bundle, missing: 'not built (run npm run build)' });
      continue;
    }
    const entry = join(ROOT, /** @type {string} */ (bundle.entry));
    try {
      const measured = await measureEntry({
        name: bundle.id,
        contents: readFileSync(entry, 'utf8'),
        resolveDir: dirname(entry),
        alternatives: bundle.alternatives,
      });
      results.push({ ...bundle, measured });
    } catch (error) {
      results.push({ ...bundle, error: describeBuildError(error) });
    }
  }
  return results;
}

/** @param {number} bytes */
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

/**
 * Prints each bundle's figures and the packages it is made of (the biggest inputs too).
 * @param {BundleResult[]} results
 */
function printReport(results) {
  for (const r of results) {
    if (!r.measured) {
      console.log(`\n${r.label}: ${r.error ? `esbuild failed:\n${r.error}` : r.missing}`);
      continue;
    }
    const m = r.measured;
    console.log(
      `\n${r.label}: first load ${kB(m.eager.gzip)} gzip (${kB(m.eager.brotli)} brotli), ` +
        `with lazy chunks ${kB(m.all.gzip)} (${m.all.files} files)`,
    );
    const counted = r.figure === 'eager' ? 'eager' : 'bytes';
    const total = m.inputs.reduce((sum, i) => sum + i[counted], 0) || 1;
    for (const p of m.packages.filter((x) => x[counted] > 0).slice(0, 6)) {
      console.log(
        `    ${p.pkg.padEnd(28)} ${String(p[counted]).padStart(7)} B  ${((100 * p[counted]) / total).toFixed(0)}%`,
      );
    }
    for (const i of m.inputs.filter((x) => x[counted] > 0).slice(0, 8)) {
      console.log(`      ${i.input.padEnd(40)} ${String(i[counted]).padStart(7)} B`);
    }
    for (const chunk of m.optional) {
      console.log(`    (not counted, loaded only for its locale: ${chunk.entryPoint} ${kB(chunk.gzip)} gzip)`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printReport(await measureOurBundles());
}
