// Runs the admin guide's and the CLI reference's code: the admin mount with the app's own
// administrator check, the help-desk functions, and `totp-gate import --dry-run` on the page's
// CSV file, whose output must be what the page shows.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTotpService, memoryStore, type Identity } from '@totp-gate/server';
import { adminRoutes, type AppUser } from '../examples/server/admin.js';
import { helpDesk } from '../examples/server/admin-functions.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'totp-docs-admin-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const people: AppUser[] = [
  { id: 'alice', email: 'alice@acme.test', roles: ['staff'], requiredSince: new Date() },
  { id: 'carol', email: 'carol@acme.test', roles: ['admin'], requiredSince: new Date() },
];
const who = (request: Request) => people.find((p) => p.id === request.headers.get('x-user')) ?? null;
const identity = (id: string): Identity => ({ userId: id, sessionId: `${id}-1`, account: `${id}@acme.test` });

describe('admin guide', () => {
  it('the mount answers administrators only, and resets with a reason', async () => {
    const service = createTotpService({ store: memoryStore(), issuer: 'Acme', identify: () => null });
    await service.actions.startEnrollment(identity('alice'));
    const admin = adminRoutes(service, who, () => people);
    const ask = (user: string, path: string, init: RequestInit = {}) =>
      admin.handle(
        new Request(`http://acme.test/api/totp-admin${path}`, {
          ...init,
          headers: { 'x-user': user, 'content-type': 'application/json' },
        }),
      );
    assert.equal((await ask('alice', '/users')).status, 403);
    const list = (await (await ask('carol', '/users?standing=must-enroll')).json()) as {
      users: { userId: string; account: string }[];
    };
    assert.deepEqual(
      list.users.map((u) => [u.userId, u.account]),
      [['alice', 'alice@acme.test']],
    );
    const reset = await ask('carol', '/users/alice/reset', {
      method: 'POST',
      body: JSON.stringify({ reason: 'lost phone' }),
    });
    assert.equal(reset.status, 200);
    const dry = await ask('carol', '/dry-run', { method: 'POST', body: JSON.stringify({ policy: {} }) });
    assert.equal(((await dry.json()) as { guard: { tripped: boolean } }).guard.tripped, true, 'carol has not enrolled');
  });

  it('the help-desk functions run', async () => {
    const service = createTotpService({ store: memoryStore(), issuer: 'Acme', identify: () => null });
    await service.actions.startEnrollment(identity('alice'));
    await service.actions.startEnrollment(identity('bob'));
    const result = await helpDesk(service);
    assert.deepEqual(result, {
      locked: [],
      blocked: [],
      inGrace: [{ userId: 'dave', graceEndsAt: '2026-03-09T08:00:00.000Z' }],
    });
    assert.equal((await service.admin.user('bob')).standing, 'exempt');
  });
});

describe('CLI reference', () => {
  it('totp-gate import --dry-run on the example file prints what the page shows', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--conditions=@totp-gate/source',
        '--import',
        'tsx',
        join(ROOT, 'packages/server/src/cli/main.ts'),
        'import',
        join(ROOT, 'docs/examples/server/users.csv'),
        '--store',
        `sqlite:${join(dir, 'totp.sqlite')}`,
        '--reason',
        'move from Odoo',
        '--dry-run',
      ],
      { encoding: 'utf8', cwd: ROOT, env: { ...process.env, TOTP_KEY: randomBytes(32).toString('base64') } },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout, readFileSync(join(ROOT, 'docs/examples/server/users.dry-run.txt'), 'utf8'));
  });
});
