// The publishable packages: every workspace whose package.json is not private. Shared by
// `npm run pack`, the package checks (publint, attw) and the install test.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** @returns {{ name: string, dir: string, manifest: Record<string, any> }[]} */
export function publishablePackages() {
  /** @type {{ workspaces: string[] }} */
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return root.workspaces
    .map((workspace) => {
      const dir = join(ROOT, workspace);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { name: manifest.name, dir, manifest };
    })
    .filter(({ manifest }) => !manifest.private);
}

/**
 * `npm pack` of one package into `destination`.
 * @param {{ dir: string }} pkg
 * @param {string} destination
 * @param {{ build?: boolean }} [options] build: run `prepack` (the package's build) first
 * @returns {{ tarball: string, files: string[] }}
 */
export function pack(pkg, destination, { build = true } = {}) {
  const args = ['pack', '--json', '--pack-destination', destination];
  if (!build) args.push('--ignore-scripts');
  const run = spawnSync('npm', args, { cwd: pkg.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`npm pack failed in ${pkg.dir} (exit ${run.status})`);
  // With `prepack`, the build's own output comes first on stdout; npm's JSON is the last array.
  /** @type {{ filename: string, files: { path: string }[] }[]} */
  const json = JSON.parse(run.stdout.slice(run.stdout.lastIndexOf('\n[') + 1));
  const [packed] = json;
  if (!packed) throw new Error(`npm pack printed no package in ${pkg.dir}`);
  return { tarball: join(destination, packed.filename), files: packed.files.map((f) => f.path) };
}
