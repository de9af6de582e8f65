// `npm run test:packages`: every publishable package, packed as `npm publish` would pack it
// (from the build that `npm test` made just before), must pass publint (strict: warnings fail)
// and @arethetypeswrong/cli (ESM-only profile: the packages ship no CommonJS), and must carry
// what a published package needs: a LICENSE, repository/homepage/bugs, engines,
// publishConfig, a prepack that builds, dependency ranges rather than exact pins, and no test
// code, screenshot scripts or build scripts among its files. It also checks that no installed
// package wants a newer Node than the root's `engines` (npm's EBADENGINE warnings).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import semver from 'semver';
import { formatMessage } from 'publint/utils';
import { ROOT, pack, publishablePackages } from './packages.mjs';

const require = createRequire(import.meta.url);
const ATTW = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');
/** Files a user never runs: tests, test pages and harnesses, and the package's own scripts. */
const NOT_SHIPPED = /(^|\/)(test|tests|scripts)\/|\.test\.[cm]?[jt]s$|\.e2e\.[jt]s$/;
const REQUIRED = ['version', 'license', 'repository', 'homepage', 'bugs', 'engines', 'publishConfig', 'files'];

const out = mkdtempSync(join(tmpdir(), 'totp-gate-packs-'));
let failures = 0;
/**
 * @param {string} name
 * @param {string} message
 */
function fail(name, message) {
  failures++;
  console.log(`✘ ${name}: ${message}`);
}

// EBADENGINE: every package `npm ci` installs accepts the lowest Node the root declares.
const rootEngine = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node;
const lowest = semver.minVersion(rootEngine)?.version;
if (lowest === undefined) throw new Error(`package.json: engines.node ${rootEngine} is not a version range.`);
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
for (const [path, entry] of Object.entries(lock.packages)) {
  const wanted = entry.engines?.node;
  if (path && wanted && !semver.satisfies(lowest, wanted)) {
    fail(path.replace(/^.*node_modules\//, ''), `wants Node ${wanted}, but the root declares ${rootEngine}`);
  }
}

try {
  for (const pkg of publishablePackages()) {
    const started = performance.now();
    const { manifest, name } = pkg;
    const before = failures;
    for (const field of REQUIRED) if (manifest[field] === undefined) fail(name, `package.json has no "${field}"`);
    if (manifest.scripts?.prepack !== 'npm run build') fail(name, 'scripts.prepack must be "npm run build"');
    for (const [dep, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      if (/^\d/.test(range)) fail(name, `dependency ${dep} is pinned to ${range}; use a range (^${range})`);
    }

    const { tarball, files } = pack(pkg, out, { build: false });
    if (!files.includes('LICENSE')) fail(name, 'the tarball has no LICENSE');
    for (const file of files.filter((f) => NOT_SHIPPED.test(f))) fail(name, `ships ${file}, which no user runs`);

    const { messages, pkg: packed } = await publint({ pack: { tarball: readFileSync(tarball).buffer }, strict: true });
    for (const message of messages)
      fail(name, `publint ${message.type}: ${formatMessage(message, packed, { color: false })}`);

    const attw = spawnSync(
      process.execPath,
      [ATTW, tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'ascii', '--no-color'],
      { encoding: 'utf8' },
    );
    if (attw.status !== 0) fail(name, `@arethetypeswrong/cli:\n${attw.stdout}${attw.stderr}`);

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (failures === before) console.log(`✔ ${name}: ${files.length} files, publint and attw clean (${seconds} s)`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (failures) {
  console.log(`\n${failures} problem(s) in the packages as they would be published.`);
  process.exit(1);
}
