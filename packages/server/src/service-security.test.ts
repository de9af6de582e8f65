/**
 * The security promises the server keeps (SECURITY-CHECKS.md, sections D and E), through
 * `handle()` and `guard()`, once per store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STORE_KINDS, harnessPerTest, STEP, codeAt, enrolled, makeHarness, wrongCode } from './test/harness.js';

for (const kind of STORE_KINDS) {
  describe(`security promises (${kind.name})`, () => {
    const h = harnessPerTest(kind);

    it('S13 rejects a code that was already accepted, in any session', async () => {
      const { secret } = await enrolled(h, 'alice');
      h.clock.now += STEP;
      const code = codeAt(secret, h.clock.now);
      assert.equal((await h.as('alice', 'two').verify(code)).status, 200);
      const again = await h.as('alice', 'three').verify(code);
      assert.equal(again.status, 400);
      assert.equal(again.body.error.code, 'code-reused');
      assert.equal((await h.as('alice', 'three').status()).body.state, 'challenge-required');
    });

    it('S13 rejects the code of an earlier step once a later step was accepted', async () => {
      const { secret } = await enrolled(h, 'alice');
      h.clock.now += 3 * STEP;
      const earlier = codeAt(secret, h.clock.now - STEP);
      assert.equal((await h.as('alice', 'two').verify(codeAt(secret, h.clock.now))).status, 200);
      const reply = await h.as('alice', 'three').verify(earlier);
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error.code, 'code-reused');
    });

    it('S13 the code used at enrollment confirm cannot sign in again', async () => {
      const { secret } = await enrolled(h, 'alice');
      const reply = await h.as('alice', 'two').verify(codeAt(secret, h.clock.now));
      assert.equal(reply.body.error.code, 'code-reused');
    });

    it('S14 twenty parallel submissions of one valid code: exactly one succeeds', async () => {
      const { secret } = await enrolled(h, 'alice');
      h.clock.now += STEP;
      const code = codeAt(secret, h.clock.now);
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) => h.as('alice', `parallel-${i}`).verify(code)),
      );
      assert.equal(replies.filter((r) => r.status === 200).length, 1);
      assert.equal(replies.filter((r) => r.body?.error?.code === 'code-reused').length, 19);
      const user = await h.store.getUser('alice');
      assert.equal(user?.failures, 0, 'a reused good code is not counted as a guess');
    });

    it('S15 accepts the steps either side of now and refuses ±2 by default', async () => {
      const { secret } = await enrolled(h, 'alice');
      h.clock.now += 10 * STEP;
      const now = h.clock.now;
      const tooOld = await h.as('alice', 'a').verify(codeAt(secret, now - 2 * STEP));
      assert.equal(tooOld.body.error.code, 'invalid-code');
      const tooNew = await h.as('alice', 'b').verify(codeAt(secret, now + 2 * STEP));
      assert.equal(tooNew.body.error.code, 'invalid-code');
      assert.equal((await h.as('alice', 'c').verify(codeAt(secret, now - STEP))).status, 200);
      assert.equal((await h.as('alice', 'd').verify(codeAt(secret, now + STEP))).status, 200);
    });

    it('S15 a wider window needs the explicit policy option', async () => {
      const wide = makeHarness(h.store, { policy: { totp: { window: 2 } } });
      const { secret } = await enrolled(wide, 'bob');
      wide.clock.now += 10 * STEP;
      assert.equal((await wide.as('bob', 'x').verify(codeAt(secret, wide.clock.now - 2 * STEP))).status, 200);
    });

    it('S16 only server time counts: a client timestamp or Date header changes nothing', async () => {
      const { secret } = await enrolled(h, 'alice');
      h.clock.now += 20 * STEP;
      const stale = codeAt(secret, h.clock.now - 10 * STEP);
      const reply = await h.request('/verify', {
        method: 'POST',
        user: 'alice',
        session: 'x',
        headers: { 'content-type': 'application/json', date: new Date(h.clock.now - 10 * STEP).toUTCString() },
        body: JSON.stringify({
          code: stale,
          time: h.clock.now - 10 * STEP,
          timestamp: (h.clock.now - 10 * STEP) / 1000,
        }),
      });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error.code, 'invalid-code');
    });

    it('S17 a match at the current step (delta 0) is accepted', async () => {
      const { secret } = await enrolled(h, 'alice');
      h.clock.now += 5 * STEP;
      assert.equal((await h.as('alice', 'x').verify(codeAt(secret, h.clock.now))).status, 200);
    });

    it('S20 five failures lock with Retry-After; the delay grows; a right code then succeeds', async () => {
      const { secret } = await enrolled(h, 'alice');
      const s = h.as('alice', 'two');
      h.clock.now += STEP;
      const wrong = () => wrongCode(secret, h.clock.now);
      for (const left of [4, 3, 2, 1]) {
        const reply = await s.verify(wrong());
        assert.equal(reply.status, 400);
        assert.equal(reply.body.error.attemptsLeft, left);
      }
      const locking = await s.verify(wrong());
      assert.equal(locking.status, 429);
      assert.equal(locking.body.error.code, 'locked');
      assert.equal(locking.body.error.retryAfter, 30);
      assert.equal(locking.headers.get('retry-after'), '30');
      const status = await s.status();
      assert.equal(status.body.state, 'locked');
      assert.equal(status.body.lockedUntil, new Date(h.clock.now + 30_000).toISOString());
      assert.equal((await s.guard())?.body.error.state, 'locked');
      // Even the right code is refused while locked, and is not consumed.
      h.clock.now += 10_000;
      const right = codeAt(secret, h.clock.now);
      const refused = await s.verify(right);
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.retryAfter, 20);
      // After the lock: one more failure locks again for twice as long.
      h.clock.now += 20_000;
      const again = await s.verify(wrong());
      assert.equal(again.status, 429);
      assert.equal(again.body.error.retryAfter, 60);
      h.clock.now += 60_000;
      assert.equal((await s.verify(codeAt(secret, h.clock.now))).status, 200);
      assert.equal((await h.store.getUser('alice'))?.failures, 0, 'a right code clears the count');
    });

    it('S20 the count is per account: a new session (password entered again) stays locked; X-Forwarded-For changes nothing', async () => {
      const { secret } = await enrolled(h, 'alice');
      h.clock.now += STEP;
      for (let i = 0; i < 5; i++) {
        await h.request('/verify', {
          method: 'POST',
          user: 'alice',
          session: `sign-in-${i}`,
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
          body: JSON.stringify({ code: wrongCode(secret, h.clock.now) }),
        });
      }
      const fresh = await h.request('/verify', {
        method: 'POST',
        user: 'alice',
        session: 'after-password-again',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
        body: JSON.stringify({ code: codeAt(secret, h.clock.now) }),
      });
      assert.equal(fresh.status, 429);
      assert.equal((await h.store.getUser('alice'))?.failures, 5);
    });

    it('S20 the hard limit locks until an administrator resets', async () => {
      const strict = makeHarness(h.store, {
        policy: { lockout: { threshold: 3, hardLimit: 6, baseDelaySeconds: 1, maxDelaySeconds: 1 } },
      });
      const { secret } = await enrolled(strict, 'carol');
      const s = strict.as('carol', 'two');
      let last;
      for (let i = 0; i < 6; i++) {
        strict.clock.now += 2_000;
        last = await s.verify(wrongCode(secret, strict.clock.now));
      }
      assert.equal(last!.status, 429);
      assert.equal(last!.headers.get('retry-after'), null, 'no end to wait for');
      assert.equal(last!.body.error.retryAfter, undefined);
      strict.clock.now += 86_400_000;
      const later = await s.verify(codeAt(secret, strict.clock.now));
      assert.equal(later.status, 429);
      assert.equal((await s.status()).body.lockedUntil, null);
      assert.ok(strict.events.some((e) => e.type === 'locked' && e.lockedUntil === null));
      await strict.service.admin.reset('carol', { reason: 'lost phone', adminId: 'root' });
      assert.equal((await s.status()).body.state, 'enrollment-required');
    });

    it('S20 failures at enrollment confirm count and lock too', async () => {
      const alice = h.as('alice');
      const { body } = await alice.enroll();
      for (let i = 0; i < 4; i++)
        assert.equal((await alice.confirm(wrongCode(body.secret, h.clock.now, 25))).status, 400);
      const locked = await alice.confirm(wrongCode(body.secret, h.clock.now, 25));
      assert.equal(locked.status, 429);
      assert.equal((await alice.confirm(codeAt(body.secret, h.clock.now))).status, 429);
      h.clock.now += 30_000;
      assert.equal((await alice.confirm(codeAt(body.secret, h.clock.now))).status, 200);
    });

    it('S21 fifty concurrent wrong codes raise the failure count by exactly fifty', async () => {
      const wide = makeHarness(h.store, { policy: { lockout: { threshold: 100, hardLimit: 100 } } });
      const { secret } = await enrolled(wide, 'dave');
      wide.clock.now += STEP;
      const code = wrongCode(secret, wide.clock.now);
      const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => wide.as('dave', `p${i}`).verify(code)));
      assert.ok(replies.every((r) => r.status === 400 && r.body.error.code === 'invalid-code'));
      assert.equal((await wide.store.getUser('dave'))?.failures, 50);
      assert.equal((await wide.service.admin.status('dave')).failures, 50);
      const left = replies.map((r) => r.body.error.attemptsLeft as number).sort((a, b) => a - b);
      assert.deepEqual(
        left,
        Array.from({ length: 50 }, (_, i) => 50 + i),
        'each failure saw its own count',
      );
    });

    it('S22 a wrong code says nothing about which part was wrong', async () => {
      const { secret } = await enrolled(h, 'alice');
      const { secret: other } = await enrolled(h, 'bob');
      h.clock.now += 4 * STEP;
      const now = h.clock.now;
      const answers = [
        await h.as('alice', 'a').verify(wrongCode(secret, now)),
        await h.as('alice', 'b').verify(codeAt(secret, now + 5 * STEP)),
        await h.as('alice', 'c').verify(codeAt(other, now)),
        await h.as('alice', 'd').verify(codeAt(secret, now - 3 * STEP)),
      ];
      const shapes = answers.map((r) => ({
        status: r.status,
        code: r.body.error.code,
        message: r.body.error.message,
        keys: Object.keys(r.body.error).sort(),
      }));
      for (const shape of shapes) assert.deepEqual(shape, shapes[0]);
    });

    it('S23 a session that passed only the password step gets 403 from the guard until TOTP passes', async () => {
      const { secret } = await enrolled(h, 'alice');
      h.clock.now += STEP;
      const fresh = h.as('alice', 'password-only');
      const denied = await fresh.guard();
      assert.equal(denied?.status, 403);
      assert.deepEqual(denied?.body.error.code, 'totp-required');
      assert.equal(denied?.body.error.state, 'challenge-required');
      assert.equal(denied?.headers.get('cache-control'), 'no-store');
      const newUser = await h.as('newbie').guard();
      assert.equal(newUser?.body.error.state, 'enrollment-required');
      await fresh.verify(codeAt(secret, h.clock.now));
      assert.equal(await fresh.guard(), null);
    });

    it('S24 only the server record counts: a session id that never verified stays shut', async () => {
      await enrolled(h, 'alice');
      // An attacker replays the success answer in the browser; the server has no verified record.
      const attacker = h.as('alice', 'stolen-password-session');
      assert.equal((await attacker.guard())?.status, 403);
      assert.equal((await attacker.status()).body.state, 'challenge-required');
      assert.equal(await h.store.getSession('stolen-password-session'), null);
    });

    it('S28 onVerified can rotate the session id: the verified mark moves, Set-Cookie is sent', async () => {
      const rotated = makeHarness(h.store, {
        onVerified: (_request, user) => ({
          sessionId: `${user.sessionId}-rotated`,
          headers: [['set-cookie', `sid=${user.sessionId}-rotated; HttpOnly; Secure; SameSite=Lax`]],
        }),
      });
      const { secret } = await enrolled(rotated, 'erin', 'pre');
      assert.equal((await rotated.as('erin', 'pre-rotated').status()).body.state, 'verified');
      assert.equal((await rotated.as('erin', 'pre').guard())?.status, 403, 'the old id is no longer verified');
      rotated.clock.now += STEP;
      const reply = await rotated.as('erin', 'second').verify(codeAt(secret, rotated.clock.now));
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get('set-cookie'), 'sid=second-rotated; HttpOnly; Secure; SameSite=Lax');
      assert.equal(reply.headers.get('cache-control'), 'no-store');
      assert.equal(await rotated.as('erin', 'second-rotated').guard(), null);
      assert.ok(rotated.events.some((e) => e.type === 'verified' && e.rotatedTo === 'second-rotated'));
    });

    it('S28 rotateSession() moves a verified mark after the fact', async () => {
      await enrolled(h, 'alice', 'old');
      await h.service.rotateSession('old', 'new');
      assert.equal(await h.as('alice', 'new').guard(), null);
      assert.equal((await h.as('alice', 'old').guard())?.status, 403);
    });

    it("S29 a user id in the body is ignored; A's code never signs in B", async () => {
      const { secret: a } = await enrolled(h, 'alice');
      await enrolled(h, 'bob');
      h.clock.now += STEP;
      const reply = await h.post('/verify', 'bob', 'bob-2', {
        code: codeAt(a, h.clock.now),
        userId: 'alice',
        user: 'alice',
        account: 'alice@example.com',
      });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error.code, 'invalid-code');
      assert.equal((await h.store.getUser('bob'))?.failures, 1, 'the failure is counted on bob, who is signed in');
      assert.equal((await h.store.getUser('alice'))?.failures, 0);
      // Alice's code is still good for alice: bob's attempt did not consume it.
      assert.equal((await h.as('alice', 'alice-2').verify(codeAt(a, h.clock.now))).status, 200);
    });

    it('S29 a session record of another user never counts', async () => {
      await enrolled(h, 'alice', 'shared-id');
      await enrolled(h, 'bob', 'bob-1');
      // The host (wrongly) reuses alice's session id for bob: bob is still challenged.
      assert.equal((await h.as('bob', 'shared-id').guard())?.status, 403);
    });
  });
}
