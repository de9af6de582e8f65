/**
 * Account management on the server: several authenticators (S49, S50, S51), records written
 * before them (S54), and the audit trail of every change (S56). The contract suite covers the
 * rest through the HTTP account adapter (backend-contract.test.ts).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sqliteStore } from './index.js';
import {
  STEP,
  STORE_KINDS,
  codeAt,
  harnessPerTest,
  enrolled,
  makeHarness,
  type Client,
  type Harness,
} from './test/harness.js';

const FIXTURES = new URL('./test/fixtures/', import.meta.url);

function account(h: Harness, client: Client) {
  const post = (path: string, body: unknown = {}) => h.post(path, client.userId, client.sessionId, body);
  return {
    list: () => h.request('/factors', { user: client.userId, session: client.sessionId }),
    add: (name: string, replaces?: string) => post('/factors', replaces ? { name, replaces } : { name }),
    confirm: (code: string) => post('/factors/confirm', { code }),
    rename: (id: string, name: string) => post('/factors/rename', { id, name }),
    remove: (id: string) => post('/factors/remove', { id }),
    signOutOthers: () => post('/sign-out-others'),
  };
}

/** A user with a second authenticator "Tablet", added from the enrolling session. */
async function twoFactors(h: Harness, userId: string) {
  const first = await enrolled(h, userId);
  const api = account(h, first.client);
  const added = await api.add('Tablet');
  assert.equal(added.status, 200, JSON.stringify(added.body));
  const confirmed = await api.confirm(codeAt(added.body.secret, h.clock.now));
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  return { ...first, api, second: added.body.secret as string, secondId: confirmed.body.factor.id as string };
}

for (const kind of STORE_KINDS) {
  describe(`account management with ${kind.name}`, () => {
    const h = harnessPerTest(kind);

    it('S51 twenty parallel sign-ins with one code: exactly one passes; the other authenticator keeps its own step', async () => {
      const { secret, second } = await twoFactors(h, 'racer');
      h.clock.now += STEP;
      const code = codeAt(secret, h.clock.now);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => h.as('racer', `racer-parallel-${i}`).verify(code)),
      );
      assert.equal(answers.filter((a) => a.status === 200).length, 1);
      assert.ok(answers.filter((a) => a.status !== 200).every((a) => a.body.error.code === 'code-reused'));
      // The same time step is still fresh for the other authenticator, once.
      const other = await h.as('racer', 'racer-other').verify(codeAt(second, h.clock.now));
      assert.equal(other.status, 200);
      const again = await h.as('racer', 'racer-again').verify(codeAt(second, h.clock.now));
      assert.equal(again.body.error.code, 'code-reused');
      // Reused codes are no guesses (S14).
      assert.equal((await h.as('racer', 'racer-x').status()).body.attemptsLeft, 5);
    });

    it('S49 adding needs a code from the last five minutes; a refused add changes nothing', async () => {
      const { client, secret } = await enrolled(h, 'stepper');
      const api = account(h, client);
      const unverified = account(h, h.as('stepper', 'stepper-new'));
      assert.equal((await unverified.add('Phone')).body.error.code, 'totp-required');
      assert.equal((await unverified.list()).status, 403);
      h.clock.now += 6 * 60_000;
      const late = await api.add('Phone');
      assert.equal(late.status, 403);
      assert.equal(late.body.error.code, 'step-up-required');
      assert.equal((await api.confirm(codeAt(secret, h.clock.now))).body.error.code, 'enrollment-expired');
      assert.equal((await client.verify(codeAt(secret, h.clock.now))).status, 200);
      const fresh = await api.add('Phone');
      assert.equal(fresh.status, 200);
      // A reload gives the same secret, bound to this session only (S42).
      assert.equal((await api.add('Phone')).body.secret, fresh.body.secret);
      await h.as('stepper', 'stepper-2').verify(codeAt(secret, h.clock.now + STEP));
      const elsewhere = account(h, h.as('stepper', 'stepper-2'));
      assert.equal(
        (await elsewhere.confirm(codeAt(fresh.body.secret, h.clock.now))).body.error.code,
        'enrollment-expired',
      );
      assert.equal((await api.list()).body.factors.length, 1);
    });

    it('S50 the last authenticator stays while TOTP is required; a user it does not cover may remove it', async () => {
      const { api, secondId, client } = await twoFactors(h, 'keeper');
      const list = (await api.list()).body;
      assert.equal(list.canRemoveLast, false);
      assert.equal((await api.remove(secondId)).status, 200);
      const onlyId = (await api.list()).body.factors[0].id;
      const refused = await api.remove(onlyId);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'last-factor');
      assert.equal((await api.list()).body.factors.length, 1);
      assert.equal((await client.status()).body.state, 'verified');
      assert.equal((await api.remove('nope')).body.error.code, 'unknown-id');

      const optional = makeHarness(h.store, { policy: { requiredRoles: ['admin'] } });
      const { client: free } = await enrolled(optional, 'free-user');
      const freeApi = account(optional, free);
      const freeList = (await freeApi.list()).body;
      assert.equal(freeList.canRemoveLast, true);
      assert.equal((await freeApi.remove(freeList.factors[0].id)).status, 200);
      assert.deepEqual((await h.store.getUser('free-user'))!.factors, []);
      assert.equal((await free.status()).body.state, 'exempt');
    });

    it('S50 removing an authenticator signs out the sessions verified before, except this one', async () => {
      const { api, secondId, secret } = await twoFactors(h, 'remover');
      h.clock.now += STEP;
      const other = h.as('remover', 'remover-other');
      assert.equal((await other.verify(codeAt(secret, h.clock.now))).status, 200);
      assert.equal((await api.remove(secondId)).status, 200);
      assert.equal((await other.status()).body.state, 'challenge-required');
      assert.equal((await h.as('remover').status()).body.state, 'verified');
    });

    it('S56 every account change is audited with the authenticator id, never a secret or a code', async () => {
      const { api, secondId, secret, second } = await twoFactors(h, 'audited');
      await api.rename(secondId, 'Old tablet');
      const replacing = await api.add('New tablet', secondId);
      await api.confirm(codeAt(replacing.body.secret, h.clock.now));
      await api.signOutOthers();
      const types = h.events.filter((e) => e.userId === 'audited').map((e) => e.type);
      for (const type of ['factor-adding', 'factor-added', 'factor-renamed', 'signed-out-others']) {
        assert.ok(types.includes(type as never), `${type} in ${types.join(', ')}`);
      }
      const replaced = h.events.find((e) => e.type === 'factor-added' && e.replaced === secondId);
      assert.ok(replaced, 'the replacing factor-added names the replaced id');
      const log = JSON.stringify(h.events);
      for (const hidden of [secret, second, replacing.body.secret]) assert.ok(!log.includes(hidden));
      const names = (await api.list()).body.factors.map((f: { name: string }) => f.name);
      assert.deepEqual(names, ['Authenticator', 'New tablet']);
    });
  });
}

describe('records written before several authenticators existed', () => {
  it('S54 an SQLite file written with one factor signs in, keeps its replay protection, and migrates on change', async () => {
    const facts = JSON.parse(readFileSync(new URL('legacy-single-factor.json', FIXTURES), 'utf8'));
    const dir = mkdtempSync(join(tmpdir(), 'totp-legacy-'));
    const path = join(dir, 'totp.sqlite');
    copyFileSync(new URL('legacy-single-factor.sqlite', FIXTURES), path);
    const store = sqliteStore(path);
    try {
      const h = makeHarness(store);
      h.clock.now = facts.confirmedAt;
      // The step the old code accepted at its confirmation is still spent.
      const reused = await h.as('legacy-user', 'new-1').verify(codeAt(facts.secret, facts.confirmedAt));
      assert.equal(reused.body.error.code, 'code-reused');
      h.clock.now += STEP;
      const client = h.as('legacy-user', 'new-2');
      assert.equal((await client.verify(codeAt(facts.secret, h.clock.now))).status, 200);
      const api = account(h, client);
      const list = (await api.list()).body;
      assert.equal(list.factors.length, 1);
      assert.equal(list.factors[0].name, 'Authenticator');
      // Its recovery codes still work.
      assert.equal((await h.as('legacy-user', 'new-3').recovery(facts.recoveryCodes[0])).status, 200);
      const added = await api.add('Tablet');
      assert.equal((await api.confirm(codeAt(added.body.secret, h.clock.now))).status, 200);
      const raw = await store.getUser('legacy-user');
      assert.equal(raw!.factors!.length, 2);
      assert.equal(raw!.factors![0]!.id, list.factors[0].id);
      assert.equal(raw!.factors![0]!.lastStep, Math.floor(h.clock.now / STEP));
      assert.equal(raw!.lastStep, null);
      assert.ok(raw!.factor, 'the first factor is mirrored for older readers');
    } finally {
      store.close?.();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
