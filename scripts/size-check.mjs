// `npm run test:size`: bundles what an app ships with esbuild (bundle, minify, ESM, browser) and
// fails when a bundle grows past its gzip budget, naming the inputs that weigh the most.
//
// It bundles the TypeScript sources (the `@totp-gate/source` export condition), not `dist/`: the check then
// measures exactly the code in the tree, cannot be fooled by a stale or missing build, and runs
// on a fresh clone before anything is built. tsc emits the same ES2022 code as the sources minus
// the types, so the figures match what a bundler makes of the published `dist/` (`npm run bench`
// prints both for core + HTTP adapter to show it). The elements' build also minifies the CSS and
// HTML inside their Lit templates, and ships the CommonJS `qrcode` encoder converted into one ES
// module (packages/elements/scripts/qrcode-esm.mjs); the same transforms run here on the sources
// (esbuild plugins), so the elements' figures are those of `dist/` too.
//
// The measuring functions are exported for `npm run bench`, which measures peers the same way.
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
 * @typedef {{ id: string, label: string, budget?: number, figure?: 'eager' | 'all', contents?: string,
 *   file?: string, missing?: string, alternatives?: RegExp }} Bundle
 * @typedef {Bundle & { measured?: Measured, error?: string }} BundleResult
 */

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ELEMENTS_SRC = join(ROOT, 'packages/elements/src');

/**
 * The elements' build minifies the CSS and HTML inside their Lit templates (dist/ and the
 * single-file bundle); this does the same to the sources here, so the figures are what apps get.
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
 * Budgets in bytes of gzip (level 9); 1 kB = 1000 bytes, as size-limit counts.
 *
 * Targets: core + HTTP adapter 10 kB (met); the sign-in path, `import '@totp-gate/elements/gate'`,
 * 24.5 kB first load; the full UI (everything the elements can load, English only) no more than
 * the 40.6 kB it weighed before the sign-in path was slimmed. Both are met: sign-in 23.78 kB, full
 * UI 39.64 kB, with the challenge's "Don't ask again on this device" box (+0.13 kB and +0.21 kB),
 * then the step controller that `<totp-enroll>` and `<totp-challenge>` share (sign-in 23.79 ->
 * 23.93 kB, full UI 39.67 -> 39.74 kB: one generic home for what the two elements did each in
 * their own words compresses less well than the challenge's inlined copy did), then the recovery
 * view's own text for a reused recovery code (full UI +16 B, lazy).
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
export const BUDGETS = { core: 10_000, challenge: 23_940, full: 39_780 };

/**
 * The account settings page: `<totp-manage>` with the account adapter, a page of its own that
 * `<totp-gate>` never loads (so it is not part of the figures above). Its budget sits just above
 * its figure (lazy QR chunk included) so that growth fails `npm test`.
 */
export const MANAGE_BUDGET = 38_500;

/**
 * The administrator's page: `<totp-admin>` with the admin client (`@totp-gate/core/admin`), an
 * entry of its own that neither `<totp-gate>` nor `<totp-manage>` loads (26.75 kB, of which zod/mini
 * and Lit are most). Its budget sits just above its figure so that growth fails `npm test`.
 */
export const ADMIN_BUDGET = 26_900;

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
export function inputOwner(path) {
  const clean = path.replace(/^[a-z-]+:/, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const ws = /packages\/([^/]+)\/(?:src\/)?(.*)$/.exec(clean);
  return ws ? `${ws[1]}/${ws[2]}` : clean;
}

/** The package an input belongs to: `zod`, `lit-html`, `@totp-gate/core`. */
export function inputPackage(path) {
  const clean = path.replace(/^[a-z-]+:/, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = clean.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const ws = /packages\/([^/]+)\//.exec(clean);
  return ws ? `@totp-gate/${ws[1]}` : clean;
}

/**
 * Bundles one entry (given as source text) like an app would ship it and measures it.
 *
 * With `splitting`, dynamic `import()`s become their own chunks: `eager` is what must load before
 * the entry runs (the entry and the chunks it imports statically), `all` adds the lazy chunks.
 * Outputs of every kind count (JS and any CSS the entry imports).
 *
 * @param {object} options
 * @param {string} options.name label, also the virtual entry's file name
 * @param {string} options.contents the entry's source (JavaScript)
 * @param {string} [options.resolveDir] where bare imports resolve from (default: the repo root)
 * @param {boolean} [options.splitting] split lazy imports into chunks (default true)
 * @param {string[]} [options.conditions] export conditions (default `['@totp-gate/source']`)
 * @param {Record<string, string>} [options.define] esbuild `define`
 * @param {Record<string, string>} [options.loader] esbuild `loader`
 * @param {string[]} [options.external] esbuild `external`
 * @param {RegExp} [options.alternatives] lazy chunks that are alternatives of which a page loads
 *   one at most (a locale's messages): left out of `all`, listed in `optional`
 * @returns {Promise<Measured>}
 */
export async function measureEntry({
  name,
  contents,
  resolveDir = ROOT,
  splitting = true,
  conditions = ['@totp-gate/source'],
  define = { 'process.env.NODE_ENV': '"production"' },
  loader,
  external,
  alternatives,
}) {
  const entry = `entry:${name}`;
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting,
    conditions,
    define,
    loader,
    external,
    legalComments: 'none',
    logLevel: 'silent',
    outdir: join(ROOT, 'node_modules/.cache/size-check', name),
    // Metafile paths are relative to this; output files are matched to them by path.
    absWorkingDir: ROOT,
    write: false,
    metafile: true,
    plugins: [
      ...SOURCE_PLUGINS,
      {
        name: 'virtual-entry',
        setup(b) {
          b.onResolve({ filter: /^entry:/ }, (args) => ({
            path: args.path.slice('entry:'.length),
            namespace: 'entry',
          }));
          b.onLoad({ filter: /.*/, namespace: 'entry' }, () => ({ contents, resolveDir, loader: 'js' }));
        },
      },
    ],
  });
  const files = new Map(result.outputFiles.map((file) => [relative(ROOT, file.path), file.contents]));
  const outputs = result.metafile.outputs;
  // Lazy chunks are entry points too in the metafile; the entry is the one built from ours.
  const entryOut = Object.keys(outputs).find((key) => outputs[key].entryPoint === entry);
  if (!entryOut) throw new Error(`esbuild produced no output for ${entry}`);
  const eagerKeys = new Set();
  const visit = (key) => {
    if (eagerKeys.has(key)) return;
    eagerKeys.add(key);
    if (outputs[key].cssBundle) eagerKeys.add(outputs[key].cssBundle);
    for (const imp of outputs[key].imports) if (imp.kind === 'import-statement' && outputs[imp.path]) visit(imp.path);
  };
  visit(entryOut);
  const measure = (keys) => {
    const parts = keys.map((key) => compressedSizes(files.get(key)));
    return {
      files: keys.length,
      raw: parts.reduce((sum, p) => sum + p.raw, 0),
      gzip: parts.reduce((sum, p) => sum + p.gzip, 0),
      brotli: parts.reduce((sum, p) => sum + p.brotli, 0),
    };
  };
  const isAlternative = (key) =>
    !eagerKeys.has(key) && alternatives !== undefined && alternatives.test(outputs[key].entryPoint ?? '');
  const allKeys = Object.keys(outputs).filter((key) => files.has(key) && !isAlternative(key));
  const optional = Object.keys(outputs)
    .filter((key) => files.has(key) && isAlternative(key))
    .map((key) => ({ entryPoint: inputOwner(outputs[key].entryPoint ?? key), ...compressedSizes(files.get(key)) }));
  const bytesByInput = new Map();
  for (const [key, output] of Object.entries(outputs)) {
    if (isAlternative(key)) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const owner = inputOwner(input);
      const slot = bytesByInput.get(owner) ?? { bytes: 0, eager: 0, pkg: inputPackage(input) };
      slot.bytes += bytesInOutput;
      if (eagerKeys.has(key)) slot.eager += bytesInOutput;
      bytesByInput.set(owner, slot);
    }
  }
  const inputs = [...bytesByInput].map(([input, v]) => ({ input, ...v })).sort((a, b) => b.bytes - a.bytes);
  const byPackage = new Map();
  for (const { pkg, bytes, eager } of inputs) {
    const slot = byPackage.get(pkg) ?? { bytes: 0, eager: 0 };
    slot.bytes += bytes;
    slot.eager += eager;
    byPackage.set(pkg, slot);
  }
  const packages = [...byPackage].map(([pkg, v]) => ({ pkg, ...v })).sort((a, b) => b.bytes - a.bytes);
  const eager = measure([...eagerKeys].filter((k) => files.has(k)));
  return { eager, all: measure(allKeys), inputs, packages, optional };
}

/** The first existing file among candidates (relative to the elements' src), or undefined. */
function elementFile(folder) {
  return [`${folder}/define.ts`, `${folder}/${folder}.ts`].map((f) => join(ELEMENTS_SRC, f)).find(existsSync);
}

/** The lazily loaded message catalogues of the other locales (English is built in). */
const LOCALE_CHUNK = /elements\/src\/messages\/(?!en[.-])[a-z-]+\.ts$/;
/** The same, with the catalogues of `<totp-manage>`. */
const LOCALE_CHUNK_ANY = /elements\/src\/(?:manage\/)?messages\/(?!en[.-])[a-z-]+\.ts$/;
/** The same, with the catalogues of `<totp-admin>`. */
const ADMIN_LOCALE_CHUNK = /elements\/src\/(?:admin\/)?messages\/(?!en[.-])[a-z-]+\.ts$/;

const importPath = (file) => JSON.stringify(file.split('\\').join('/'));

/**
 * Our bundles. Each has an entry (source text) or the reason it cannot be measured yet.
 * `figure` says which measure the budget applies to: `eager` (what loads before first paint of
 * that path) or `all` (including lazy chunks).
 * @returns {Bundle[]}
 */
export function ourBundles() {
  const coreEntry = [
    "export { createGate } from '@totp-gate/core';",
    "export { createHttpBackend } from '@totp-gate/core/http';",
  ].join('\n');
  const gateFile = elementFile('gate');
  const indexFile = join(ELEMENTS_SRC, 'index.ts');
  const manageFile = join(ELEMENTS_SRC, 'manage/manage.ts');
  const adminFile = join(ELEMENTS_SRC, 'admin/admin.ts');
  const bundleFile = join(ROOT, 'packages/elements/dist/totp-gate.js');
  return [
    {
      id: 'core',
      label: 'core + HTTP adapter',
      budget: BUDGETS.core,
      figure: 'eager',
      contents: coreEntry,
    },
    {
      id: 'challenge',
      label: "sign-in path: import '@totp-gate/elements/gate'",
      budget: BUDGETS.challenge,
      figure: 'eager',
      alternatives: LOCALE_CHUNK,
      missing: gateFile ? undefined : 'not built yet (element sources missing)',
      contents: gateFile ? "import '@totp-gate/elements/gate';" : undefined,
    },
    {
      id: 'full',
      label: 'full UI incl. lazy QR chunk',
      budget: BUDGETS.full,
      figure: 'all',
      // A page loads one extra locale at most; each is listed on its own instead of summed.
      alternatives: LOCALE_CHUNK,
      missing: existsSync(indexFile) ? undefined : 'not built yet (element sources missing)',
      contents: existsSync(indexFile) ? `export * from ${importPath(indexFile)};\n${coreEntry}` : undefined,
    },
    {
      id: 'manage',
      label: 'account settings (totp-manage, account adapter, lazy QR chunk)',
      budget: MANAGE_BUDGET,
      figure: 'all',
      alternatives: LOCALE_CHUNK_ANY,
      missing: existsSync(manageFile) ? undefined : 'not built yet (element sources missing)',
      contents: existsSync(manageFile) ? `export * from ${importPath(manageFile)};` : undefined,
    },
    {
      id: 'admin',
      label: "administrator's page (totp-admin, admin client)",
      budget: ADMIN_BUDGET,
      figure: 'all',
      alternatives: ADMIN_LOCALE_CHUNK,
      missing: existsSync(adminFile) ? undefined : 'not built yet (element sources missing)',
      contents: existsSync(adminFile) ? `export * from ${importPath(adminFile)};` : undefined,
    },
    {
      id: 'single-file',
      label: 'single-file dist/totp-gate.js (+ lazy chunks)',
      figure: 'all',
      file: bundleFile,
      missing: existsSync(bundleFile) ? undefined : 'not built (run npm run build)',
    },
  ];
}

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
    .map((rel) => join(dirname(file), rel))
    .filter(existsSync);
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
 * Measures every bundle of ours; a bundle that cannot be measured yet has `missing`.
 * @returns {Promise<BundleResult[]>}
 */
export async function measureOurBundles() {
  /** @type {BundleResult[]} */
  const results = [];
  for (const bundle of ourBundles()) {
    if (bundle.missing) {
      results.push({ ...bundle });
    } else if (bundle.file) {
      results.push({ ...bundle, measured: measureBuiltFile(bundle.file) });
    } else {
      try {
        const measured = await measureEntry({
          name: bundle.id,
          contents: bundle.contents ?? '',
          alternatives: bundle.alternatives,
        });
        results.push({ ...bundle, measured });
      } catch (error) {
        results.push({ ...bundle, error: describeBuildError(error) });
      }
    }
  }
  return results;
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

function printReport(results) {
  const rows = [['bundle', 'min', 'gzip', 'brotli', 'budget (gzip)', 'result']];
  let failed = false;
  for (const r of results) {
    if (r.missing || r.error) {
      rows.push([r.label, '', '', '', r.budget ? kB(r.budget) : '', r.error ? 'ERROR' : r.missing]);
      if (r.error) failed = true;
      continue;
    }
    const m = r.measured[r.figure ?? 'all'];
    const over = r.budget !== undefined && m.gzip > r.budget;
    failed ||= over;
    const verdict = r.budget === undefined ? 'report only' : over ? `OVER by ${m.gzip - r.budget} B` : 'ok';
    rows.push([r.label, kB(m.raw), kB(m.gzip), kB(m.brotli), r.budget ? kB(r.budget) : '', verdict]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows)
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  for (const r of results) {
    if (r.error) console.log(`\n✘ ${r.label}: esbuild failed:\n${r.error}`);
    if (!r.measured) continue;
    if (!r.measured.inputs.length) {
      const m = r.measured;
      console.log(
        `\n· ${r.label}: first load ${kB(m.eager.gzip)} gzip, with lazy chunks ${kB(m.all.gzip)} (${m.all.files} files)`,
      );
      continue;
    }
    const m = r.measured[r.figure];
    const over = r.budget !== undefined && m.gzip > r.budget;
    const counted = r.figure === 'eager' ? 'eager' : 'bytes';
    const total = r.measured.inputs.reduce((sum, i) => sum + i[counted], 0) || 1;
    console.log(`\n${over ? '✘' : '·'} ${r.label}: minified bytes by package (share of the bundle)`);
    for (const p of r.measured.packages.filter((x) => x[counted] > 0).slice(0, 6)) {
      console.log(
        `    ${p.pkg.padEnd(28)} ${String(p[counted]).padStart(7)} B  ${((100 * p[counted]) / total).toFixed(0)}%`,
      );
    }
    for (const chunk of r.measured.optional) {
      console.log(`    (not counted, loaded only for its locale: ${chunk.entryPoint} ${kB(chunk.gzip)} gzip)`);
    }
    if (over) {
      console.log('  biggest inputs:');
      for (const i of r.measured.inputs.filter((x) => x[counted] > 0).slice(0, 10)) {
        console.log(`    ${i.input.padEnd(40)} ${String(i[counted]).padStart(7)} B`);
      }
    }
  }
  return failed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await measureOurBundles();
  const failed = printReport(results);
  console.log(
    failed ? '\nSize check failed: a budget is exceeded (or a bundle does not build).' : '\nSize budgets met.',
  );
  for (const r of results) {
    const target = TARGETS[/** @type {keyof typeof TARGETS} */ (r.id)];
    const gzip = r.measured?.[r.figure ?? 'eager'].gzip;
    if (target !== undefined && gzip !== undefined && gzip > target) {
      console.log(`Target not met yet: ${r.label} is ${kB(gzip)} gzip, the target is ${kB(target)} (see BUDGETS).`);
    }
  }
  process.exit(failed ? 1 : 0);
}
