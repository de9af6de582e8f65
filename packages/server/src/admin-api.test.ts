/**
 * The admin API and its HTTP mount (S60–S66) over the memory and SQLite stores, plus what only
 * the mount itself decides: it refuses to start without `authorize`, it serves node:http the same
 * way, and a failing `authorize` is a bare 500, never a way in.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN_ROUTES } from './admin/routes.js';
import { createTotpAdmin, memoryStore } from './index.js';
import { adminHarness, runAdminSuite, serveNode } from './test/admin-suite.js';
import { enrolled, makeHarness, STORE_KINDS } from './test/harness.js';

for (const kind of STORE_KINDS) {
  runAdminSuite(
    kind.name,
    async () => {
      const made = kind.make();
      return { store: made.store, cleanup: made.cleanup };
    },
    { describe, it },
  );
}

// A store of the host's own making with neither pager nor batch read: the list, export and dry
// run fall back to listUserIds and one getUser per id, and the suite must not notice.
runAdminSuite(
  'a custom store without listUserIdsAfter or getUsers',
  async () => {
    const { listUserIdsAfter: _pager, getUsers: _batch, ...store } = memoryStore();
    return { store, cleanup: () => undefined };
  },
  { describe, it },
);

describe('createTotpAdmin', () => {
  it('S61 refuses to start without authorize, with a message that says why', () => {
    const { service } = makeHarness(memoryStore());
    for (const options of [{ service }, { service, authorize: 'yes' }, undefined]) {
      assert.throws(() => createTotpAdmin(options as never), /needs authorize\(request\)/);
    }
    assert.throws(() => createTotpAdmin({ service: {} as never, authorize: () => null }), /createTotpService/);
    assert.throws(() => createTotpAdmin({ service, authorize: () => null, basePath: 'admin' }), /basePath/);
  });

  it('S61 over node:http too: 403 on every route without an administrator, 200 with one, no-store JSON', async () => {
    const a = adminHarness(memoryStore());
    await enrolled(a, 'alice');
    const served = await serveNode(a.mount);
    try {
      for (const route of ADMIN_ROUTES) {
        const response = await fetch(`${served.origin}/api/totp-admin${route.path.replace(':userId', 'alice')}`, {
          method: route.method,
          headers: { 'content-type': 'application/json' },
          body: route.method === 'GET' ? undefined : JSON.stringify({ reason: 'x' }),
        });
        assert.equal(response.status, 403, `${route.method} ${route.path}`);
        assert.equal(response.headers.get('cache-control'), 'no-store');
        assert.equal(((await response.json()) as any).error.code, 'forbidden');
      }
      const listed = await fetch(`${served.origin}/api/totp-admin/users?limit=1`, { headers: { 'x-admin': 'carol' } });
      assert.equal(listed.status, 200);
      assert.equal(((await listed.json()) as any).users[0].userId, 'alice');
      const reset = await fetch(`${served.origin}/api/totp-admin/users/alice/reset`, {
        method: 'POST',
        headers: { 'x-admin': 'carol', 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'lost phone' }),
      });
      assert.equal(((await reset.json()) as any).standing, 'must-enroll');
      const outside = await fetch(`${served.origin}/elsewhere`, { headers: { 'x-admin': 'carol' } });
      assert.equal(outside.status, 404);
    } finally {
      served.close();
    }
  });

  it('S60 a getUsers that answers for other ids than asked fails the page, never shifts records onto other users', async () => {
    const store = memoryStore();
    const a = adminHarness({ ...store, getUsers: async (ids) => (await store.getUsers!(ids)).slice(1) });
    await enrolled(a, 'alice');
    await enrolled(a, 'bob');
    await assert.rejects(a.service.admin.list(), /getUsers answered 1 records for 2 ids/);
    const reply = await a.call('GET', '/users');
    assert.equal(reply.status, 500);
    assert.doesNotMatch(JSON.stringify(reply.body), /alice|bob/);
  });

  it('S61 an authorize that throws or names no valid id is a bare 500 to the client and an onError to the host', async () => {
    const { service } = makeHarness(memoryStore());
    const errors: unknown[] = [];
    for (const authorize of [
      () => {
        throw new Error('session store down at 10.0.0.7');
      },
      () => ({ adminId: '' }),
      () => ({ id: 'carol' }) as never,
    ]) {
      const mount = createTotpAdmin({ service, authorize, onError: (error) => errors.push(error) });
      const response = await mount.handle(new Request('http://host.test/users'));
      assert.equal(response.status, 500);
      const body = await response.text();
      assert.ok(!body.includes('10.0.0.7') && !body.includes('at '), body);
      assert.equal(JSON.parse(body).error.code, 'internal');
    }
    assert.equal(errors.length, 3);
  });
});
