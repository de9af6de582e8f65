// The `totp-gate` command as a user gets it: the server and core packages packed, installed from
// the tarballs into an empty folder, and `npx totp-gate import` run there against an SQLite file
// (better-sqlite3 is linked from the workspace: its native build takes minutes on two cores).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { encodeBase32 } from '@totp-gate/core';
import { pack, publishablePackages } from '../../scripts/packages.mjs';
import { NPM_ENV } from './npm-env.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const work = realpathSync(mkdtempSync(join(tmpdir(), 'totp-gate-cli-')));
after(() => rmSync(work, { recursive: true, force: true }));

function run(command: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(command, args, {
    cwd: join(work, 'app'),
    encoding: 'utf8',
    env: { ...process.env, ...NPM_ENV, ...env },
  });
}

it('S69 npx totp-gate import works from the packed tarball: a dry run, then the import, with no secret in the output', () => {
  const wanted = publishablePackages().filter((pkg) => ['@totp-gate/core', '@totp-gate/server'].includes(pkg.name));
  const tarballs = wanted.map((pkg) => pack(pkg, work, { build: false }).tarball);
  mkdirSync(join(work, 'app'));
  writeFileSync(join(work, 'app', 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  const install = run('npm', ['install', ...tarballs]);
  assert.equal(install.status, 0, install.stderr);
  symlinkSync(join(ROOT, 'node_modules', 'better-sqlite3'), join(work, 'app', 'node_modules', 'better-sqlite3'));

  const secrets = [encodeBase32(randomBytes(20)), encodeBase32(randomBytes(10))];
  writeFileSync(join(work, 'app', 'users.csv'), `userId,secret\nalice,${secrets[0]}\nbob,${secrets[1]}\n`);
  const env = { TOTP_KEY: randomBytes(32).toString('base64') };
  const args = ['totp-gate', 'import', 'users.csv', '--store', 'sqlite:./totp.sqlite', '--reason', 'move from Odoo'];
  const dry = run('npx', ['--no-install', ...args, '--dry-run'], env);
  assert.equal(dry.status, 1, dry.stderr);
  assert.match(dry.stdout, /line 3 \(user "bob"\): refused: The secret has 80 bits/);
  assert.match(dry.stdout, /would import 1, refused 1 \(dry run: nothing was written\)/);
  const real = run('npx', ['--no-install', ...args], env);
  assert.equal(real.status, 1, real.stderr);
  assert.match(real.stdout, /imported 1, refused 1\n$/);
  for (const secret of secrets) assert.ok(!`${dry.stdout}${real.stdout}${real.stderr}`.includes(secret));
  const help = run('npx', ['--no-install', 'totp-gate', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: totp-gate import/);
});
