/**
 * Sessions that expire: a verification counts for a limited time and sensitive routes may ask
 * for a fresher one (S43); session records carry an expiry, are deleted when read after it and
 * swept (S45); and `GET /status` agrees with itself while locked (S71). Runs once per store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Status } from '@totp-gate/core';
import { STORE_KINDS, harnessPerTest, STEP, T0, codeAt, enrolled, makeHarness, wrongCode } from './test/harness.js';

const HOUR = 3_600_000;

for (const kind of STORE_KINDS) {
  describe(`session lifetime (${kind.name})`, () => {
    const h = harnessPerTest(kind);

    async function guardWith(userId: string, sessionId: string, maxAge?: number) {
      const headers = { 'x-test-user': userId, 'x-test-session': sessionId };
      const denied = await h.service.guard(new Request('http://host.test/api/private', { headers }), { maxAge });
      return denied === null ? null : { status: denied.status, body: await denied.json() };
    }

    it('S43 a verification counts for 12 hours by default, then the session must pass a code again', async () => {
      const { client, secret } = await enrolled(h, 'alice');
      const verifiedAt = h.clock.now;
      h.clock.now = verifiedAt + 12 * HOUR - 1;
      assert.equal(await client.guard(), null, 'still open a millisecond before');
      h.clock.now = verifiedAt + 12 * HOUR;
      const status = await client.status();
      assert.ok(Status.safeParse(status.body).success, JSON.stringify(status.body));
      assert.equal(status.body.state, 'challenge-required');
      assert.equal(status.body.reason, 'verification-expired', 'said by the read that finds the record expired');
      const denied = await client.guard();
      assert.equal(denied?.status, 403);
      assert.equal(denied?.body.error.code, 'totp-required');
      assert.equal(denied?.body.error.state, 'challenge-required');
      const { client: bob } = await enrolled(h, 'bob');
      h.clock.now += 12 * HOUR;
      const first = await bob.guard();
      assert.deepEqual([first?.status, first?.body.error.reason], [403, 'verification-expired']);
      assert.equal((await client.verify(codeAt(secret, h.clock.now))).status, 200);
      assert.equal(await client.guard(), null);
      assert.equal((await client.status()).body.reason, null);
    });

    it('S43 the policy sets the lifetime (verificationLifetimeSeconds)', async () => {
      const short = makeHarness(h.store, { policy: { verificationLifetimeSeconds: 3600 } });
      const { client } = await enrolled(short, 'bob');
      short.clock.now += HOUR - 1;
      assert.equal(await client.guard(), null);
      short.clock.now += 1;
      assert.equal((await client.guard())?.body.error.reason, 'verification-expired');
    });

    it('S43 guard(request, { maxAge }) asks a session verified too long ago for a fresh code, and the whole session falls back', async () => {
      const { client, secret } = await enrolled(h, 'alice');
      h.clock.now += 10 * 60_000;
      assert.equal(await guardWith('alice', client.sessionId, 900), null, 'ten minutes old is fresh enough for 15');
      const stale: any = await guardWith('alice', client.sessionId, 300);
      assert.equal(stale?.status, 403);
      assert.deepEqual(
        [stale?.body.error.code, stale?.body.error.state, stale?.body.error.reason],
        ['totp-required', 'challenge-required', 'step-up'],
      );
      assert.match(stale?.body.error.message, /confirm it is you/i);
      assert.equal((await client.guard())?.body.error.reason, 'step-up', 'ordinary routes wait for the code too');
      const status = await client.status();
      assert.deepEqual([status.body.state, status.body.reason], ['challenge-required', 'step-up']);
      h.clock.now += STEP;
      assert.equal((await client.verify(codeAt(secret, h.clock.now))).status, 200);
      assert.equal(await guardWith('alice', client.sessionId, 300), null);
      assert.equal(await client.guard(), null);
    });

    it('S43 maxAge leaves other sessions of the user alone, lets exempt users through, and refuses nonsense', async () => {
      const { client } = await enrolled(h, 'alice');
      const { client: other } = await enrolled(h, 'carol');
      h.clock.now += HOUR;
      assert.equal((await guardWith('alice', client.sessionId, 60))?.status, 403);
      assert.equal(await other.guard(), null);
      const exempt = makeHarness(h.store, { policy: { exemptions: [{ userId: 'svc', reason: 'robot' }] } });
      const headers = { 'x-test-user': 'svc', 'x-test-session': 'svc-1' };
      assert.equal(await exempt.service.guard(new Request('http://host.test/x', { headers }), { maxAge: 1 }), null);
      for (const maxAge of [-1, Number.NaN, '60' as unknown as number]) {
        await assert.rejects(h.service.guard(new Request('http://host.test/x', { headers }), { maxAge }), TypeError);
      }
    });

    it('S43 a remembered device is no code: maxAge asks it for one, and the device does not reopen the session', async () => {
      const d = makeHarness(h.store, { policy: { rememberDevice: { enabled: true } } });
      const { secret } = await enrolled(d, 'alice');
      d.clock.now += STEP;
      const verify = await d.post('/verify', 'alice', 'laptop-1', {
        code: codeAt(secret, d.clock.now),
        rememberDevice: true,
      });
      const cookie = verify.headers
        .getSetCookie()
        .find((line) => line.includes('totp-device='))!
        .split(';')[0]!;
      d.clock.now += HOUR;
      const headers = { 'x-test-user': 'alice', 'x-test-session': 'laptop-2', cookie };
      const guard = async (maxAge?: number) => {
        const denied = await d.service.guard(new Request('http://host.test/x', { headers }), { maxAge });
        return denied === null ? null : ((await denied.json()) as any).error.reason;
      };
      assert.equal(await guard(), null, 'the device lets the new session in');
      assert.equal(await guard(300), 'step-up', 'but it entered no code');
      const status = await d.request('/status', { user: 'alice', session: 'laptop-2', headers: { cookie } });
      assert.deepEqual([status.body.state, status.body.reason], ['challenge-required', 'step-up']);
      assert.equal(await guard(), 'step-up', 'ordinary routes wait for the code too');
      d.clock.now += STEP;
      const code = await d.request('/verify', {
        method: 'POST',
        user: 'alice',
        session: 'laptop-2',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ code: codeAt(secret, d.clock.now) }),
      });
      assert.equal(code.status, 200);
      assert.equal(await guard(300), null);
    });

    it('S45 session records expire with the verification, are deleted when read after that, and swept', async () => {
      const { client } = await enrolled(h, 'alice');
      const record = await h.store.getSession(client.sessionId);
      assert.equal(record?.expiresAt, record!.verifiedAt! + 12 * HOUR);
      await enrolled(h, 'bob', 'bob-1');
      await enrolled(h, 'carol', 'carol-1');
      h.clock.now += 12 * HOUR;
      await client.status();
      assert.equal(await h.store.getSession(client.sessionId), null, 'deleted when read');
      assert.equal(await h.service.sweep(), 2, 'the two records nobody read again');
      assert.equal(await h.store.getSession('bob-1'), null);
      assert.equal(await h.service.sweep(), 0);
    });

    it('S45 a deferral lasts until the grace period ends, and its record with it', async () => {
      const g = makeHarness(h.store, { policy: { gracePeriodSeconds: 3 * 86_400 } });
      g.facts.set('gina', { requiredSince: new Date(T0) });
      await g.as('gina').defer();
      assert.equal((await g.store.getSession('gina-session-1'))?.expiresAt, T0 + 3 * 86_400_000);
      g.clock.now = T0 + 2 * 86_400_000;
      assert.equal(await g.as('gina').guard(), null, 'longer than a verification lifetime');
      g.clock.now = T0 + 3 * 86_400_000;
      assert.equal(await g.service.sweep(), 1);
    });

    it('S45 a verified record from before expiresAt existed counts only for the lifetime, then is deleted', async () => {
      const { client } = await enrolled(h, 'alice');
      const { expiresAt: _none, ...old } = (await h.store.getSession(client.sessionId))!;
      await h.store.putSession(old);
      h.clock.now += 12 * HOUR - 1;
      assert.equal(await client.guard(), null);
      h.clock.now += 1;
      assert.equal((await client.guard())?.status, 403);
      assert.equal(await h.store.getSession(client.sessionId), null);
    });

    it('S45 a thousand sign-ins leave no session record behind once they expire', async () => {
      const { secret } = await enrolled(h, 'alice', 'first');
      for (let i = 0; i < 1000; i++) {
        h.clock.now += STEP;
        const reply = await h.as('alice', `sign-in-${i}`).verify(codeAt(secret, h.clock.now));
        assert.equal(reply.status, 200);
      }
      const user = JSON.stringify(await h.store.getUser('alice'));
      h.clock.now += 12 * HOUR;
      assert.equal(await h.service.sweep(), 1001);
      assert.ok(user.length < 2000, `the user record stays small (${user.length} characters)`);
    });

    it('S71 GET /status while locked says no attempt is left', async () => {
      const { secret } = await enrolled(h, 'alice');
      const other = h.as('alice', 'attacker');
      for (let i = 0; i < 5; i++) await other.verify(wrongCode(secret, h.clock.now, 2));
      const locked = await other.status();
      assert.equal(locked.body.state, 'locked');
      assert.equal(locked.body.attemptsLeft, 0);
      assert.ok(locked.body.lockedUntil);
      h.clock.now += 30_000;
      const after = await other.status();
      assert.equal(after.body.state, 'challenge-required');
      assert.equal(after.body.attemptsLeft, 1, 'after a timed lock one attempt before the next lock');
    });
  });
}
