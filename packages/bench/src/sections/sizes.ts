/**
 * Bundle sizes: ours (the same measurement as `npm run test:size`) and every peer, bundled the
 * same way in the same run. A peer that esbuild cannot bundle is measured from its shipped
 * browser files instead, and the row says so.
 */
import { spawnSync } from 'node:child_process';
import type { Loader } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGETS } from '../../../../.size-limit.js';
import {
  compressedSizes,
  describeBuildError,
  measureEntry,
  measureOurBundles,
  TARGETS,
} from '../../../../scripts/bundle-sizes.mjs';
import { ensurePeers, installedVersion, PEER_ENTRIES, PEERS_DIR } from '../peers.js';
import { ROOT } from '../paths.js';
import { logger, runSection } from '../section.js';
import type { SizeRow, SizesResult } from '../types.js';

const log = logger('sizes');

const FLOOR_ENTRY = `
import { LitElement, css, html } from 'lit';
import * as z from 'zod/mini';
const Answer = z.object({ state: z.string(), attempts: z.number() });
class FloorElement extends LitElement {
  static properties = { answer: { state: true } };
  static styles = css\`:host { display: block }\`;
  render() { return html\`<p>\${this.answer?.state}</p>\`; }
  set data(value) { this.answer = Answer.parse(value); }
}
customElements.define('floor-element', FloorElement);
`;

/** Images and fonts referenced from CSS are left out: the table counts JavaScript and CSS. */
const ASSET_LOADERS: Record<string, Loader> = Object.fromEntries(
  ['.png', '.jpg', '.gif', '.svg', '.woff', '.woff2', '.ttf', '.eot', '.otf', '.webp', '.ico'].map((ext) => [
    ext,
    'empty',
  ]),
);

/** Compiles @totp-gate/core with tsc into node_modules/.cache (with its package.json, for `sideEffects`). */
function compiledCore(): string | undefined {
  const dir = join(ROOT, 'node_modules/.cache/bench-core-package');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(ROOT, 'packages/core/package.json'), join(dir, 'package.json'));
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const flags = [
    '--outDir',
    join(dir, 'dist'),
    '--declaration',
    'false',
    '--declarationMap',
    'false',
    '--sourceMap',
    'false',
  ];
  // tsc emits even when it reports type errors; the row only needs the JavaScript.
  spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'packages/core/tsconfig.build.json'), ...flags], {
    timeout: 120_000,
  });
  return existsSync(join(dir, 'dist/index.js')) && existsSync(join(dir, 'dist/http.js')) ? dir : undefined;
}

await runSection(async (): Promise<SizesResult> => {
  const rows: SizeRow[] = [];
  log('measuring our bundles');
  for (const r of await measureOurBundles()) {
    const row: SizeRow = {
      id: r.id,
      label: r.label,
      kind: 'ours',
      method: r.file ? 'file' : 'bundled',
      budget: BUDGETS[r.id as keyof typeof BUDGETS],
      target: TARGETS[r.id as keyof typeof TARGETS],
      figure: r.figure,
    };
    if (r.missing) row.note = r.missing;
    else if (r.error) row.note = `esbuild failed: ${r.error.split('\n')[0]}`;
    else if (r.measured) {
      row.eager = r.measured.eager;
      row.all = r.measured.all;
      row.top = r.measured.packages.slice(0, 5);
    }
    rows.push(row);
  }
  // The size check bundles the sources. This row compiles core with its own build config (tsc)
  // into a scratch copy of the package and bundles that, to show the published form weighs the same.
  const dist = compiledCore();
  if (dist) {
    const m = await measureEntry({
      name: 'core-dist',
      contents: `export { createGate } from './dist/index.js';\nexport { createHttpBackend } from './dist/http.js';`,
      resolveDir: dist,
      conditions: [],
    });
    rows.push({
      id: 'core-dist',
      label: 'core + HTTP adapter, compiled by tsc (as published)',
      kind: 'ours',
      method: 'bundled',
      eager: m.eager,
      all: m.all,
    });
  }

  // The floor under our sign-in path: what Lit and zod/mini weigh on their own, used the least a
  // UI on them can (one element with styles and a template, one object schema that parses).
  const floor = await measureEntry({ name: 'floor', contents: FLOOR_ENTRY, resolveDir: ROOT, conditions: [] });
  rows.push({
    id: 'floor',
    label: 'floor: Lit + zod/mini alone (one LitElement with css and html, one z.object parsed)',
    kind: 'floor',
    method: 'bundled',
    eager: floor.eager,
    all: floor.all,
    top: floor.packages.slice(0, 5),
  });

  const install = ensurePeers(log, 10 * 60_000);
  if (install.error) log(`peer install failed: ${install.error}`);
  for (const peer of PEER_ENTRIES) {
    const versions = Object.fromEntries(peer.packages.map((p) => [p, installedVersion(p)]));
    const row: SizeRow = {
      id: peer.id,
      label: peer.label,
      kind: peer.kind,
      versions,
      method: 'bundled',
      what: peer.what,
    };
    if (Object.values(versions).some((v) => !v)) {
      row.note = `not installed${install.error ? `: ${install.error.split('\n')[0]}` : ''}`;
      rows.push(row);
      continue;
    }
    log(`bundling ${peer.label}`);
    try {
      const m = await measureEntry({
        name: `peer-${peer.id}`,
        contents: peer.contents,
        resolveDir: PEERS_DIR,
        conditions: peer.conditions ?? [],
        loader: ASSET_LOADERS,
      });
      row.eager = m.eager;
      row.all = m.all;
      row.top = m.packages.slice(0, 5);
    } catch (error) {
      const reason = describeBuildError(error).split('\n').slice(0, 2).join('; ');
      log(`${peer.label} did not bundle: ${reason}`);
      const files = peer.shipped.map((f) => join(PEERS_DIR, 'node_modules', f)).filter(existsSync);
      if (files.length === 0) {
        row.note = `could not be bundled (${reason}) and has no shipped browser file`;
      } else {
        const parts = files.map((f) => compressedSizes(readFileSync(f)));
        const sum = (k: 'raw' | 'gzip' | 'brotli') => parts.reduce((s, p) => s + p[k], 0);
        row.method = 'shipped';
        row.eager = row.all = { files: files.length, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
        row.note = `esbuild could not bundle it (${reason}); measured its shipped browser files: ${peer.shipped.join(', ')}`;
      }
    }
    rows.push(row);
  }
  return { rows };
});
