/**
 * Grace periods, exemptions, recovery codes, re-enrollment, skew hints, the admin tools and
 * the audit trail, through `handle()`, once per store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STORE_KINDS, harnessPerTest, STEP, T0, codeAt, enrolled, makeHarness, wrongCode } from './test/harness.js';

const DAY = 86_400_000;

for (const kind of STORE_KINDS) {
  describe(`policy, recovery, admin and audit (${kind.name})`, () => {
    const h = harnessPerTest(kind);

    it('S32 inside the grace period a user may defer; it ends exactly at requiredSince + grace', async () => {
      const g = makeHarness(h.store, { policy: { gracePeriodSeconds: 7 * 86_400 } });
      g.facts.set('gina', { requiredSince: new Date(T0) });
      const gina = g.as('gina');
      const ends = new Date(T0 + 7 * DAY).toISOString();
      const status = await gina.status();
      assert.equal(status.body.state, 'enrollment-required');
      assert.equal(status.body.graceEndsAt, ends);
      assert.equal((await gina.guard())?.status, 403);
      const deferred = await gina.defer();
      assert.deepEqual(deferred.body, { state: 'deferred', graceEndsAt: ends });
      assert.equal((await gina.status()).body.state, 'deferred');
      assert.equal(await gina.guard(), null);
      assert.ok(g.events.some((e) => e.type === 'deferred' && e.userId === 'gina'));
      // A new session must defer again: deferring is per session.
      assert.equal((await g.as('gina', 'other').guard())?.status, 403);
      g.clock.now = T0 + 7 * DAY - 1;
      assert.equal(await gina.guard(), null, 'one millisecond before the end');
      g.clock.now = T0 + 7 * DAY;
      const after = await gina.guard();
      assert.equal(after?.status, 403);
      assert.equal(after?.body.error.state, 'enrollment-required');
      const late = await g.as('gina', 'late').defer();
      assert.equal(late.status, 403);
      assert.equal(late.body.error.code, 'grace-expired');
    });

    it('S32 without a grace period defer is refused with grace-expired; when enrolled with already-enrolled', async () => {
      const none = await h.as('alice').defer();
      assert.equal(none.status, 403);
      assert.equal(none.body.error.code, 'grace-expired');
      await enrolled(h, 'bob');
      assert.equal((await h.as('bob', 'two').defer()).status, 409);
    });

    it('S31 an exemption names a reason, may expire, and then enrollment is required again', async () => {
      const expiresAt = new Date(T0 + DAY).toISOString();
      const e = makeHarness(h.store, {
        policy: { exemptions: [{ userId: 'root', reason: 'break-glass account, vault-held', expiresAt }] },
      });
      const root = e.as('root');
      const status = await root.status();
      assert.equal(status.body.state, 'exempt');
      assert.deepEqual(status.body.exemption, { reason: 'break-glass account, vault-held', expiresAt });
      assert.equal(await root.guard(), null);
      assert.equal(await root.guard(), null);
      const applied = e.events.filter((x) => x.type === 'exemption-applied');
      assert.equal(applied.length, 1, 'audited once per session, not per request');
      assert.equal(applied[0]!.exemption?.reason, 'break-glass account, vault-held');
      e.clock.now = T0 + DAY;
      assert.equal((await root.status()).body.state, 'enrollment-required');
      assert.equal((await root.guard())?.status, 403);
    });

    it('S31 role exemptions apply to holders of the role only; users outside requiredRoles pass', async () => {
      const e = makeHarness(h.store, {
        policy: {
          requiredRoles: ['staff', 'admin'],
          exemptions: [{ role: 'kiosk', reason: 'shared kiosk terminals' }],
        },
      });
      e.facts.set('kiosk1', { roles: ['staff', 'kiosk'] });
      e.facts.set('staff1', { roles: ['staff'] });
      e.facts.set('customer', { roles: ['customer'] });
      assert.equal((await e.as('kiosk1').status()).body.state, 'exempt');
      assert.equal(await e.as('kiosk1').guard(), null);
      assert.equal((await e.as('staff1').guard())?.status, 403);
      const customer = await e.as('customer').status();
      assert.equal(customer.body.state, 'exempt');
      assert.equal(customer.body.exemption, null, 'not covered is not an exemption');
      assert.equal(await e.as('customer').guard(), null);
    });

    it('S30 recovery codes: single use, any case, with or without the dash; one fewer left each time', async () => {
      const { recoveryCodes } = await enrolled(h, 'alice');
      const [first, second] = recoveryCodes as [string, string];
      const one = await h.as('alice', 'r1').recovery(first);
      assert.deepEqual(one.body, { state: 'verified', recoveryCodesLeft: 9 });
      assert.equal(await h.as('alice', 'r1').guard(), null);
      const reused = await h.as('alice', 'r2').recovery(first);
      assert.equal(reused.status, 400);
      assert.equal(reused.body.error.code, 'code-reused', 'refused, and no guess (S47)');
      h.clock.now += 10 * 60_000;
      const later = await h.as('alice', 'r2').recovery(first);
      assert.equal(later.body.error.code, 'invalid-code', 'long after its use, a used code is just a wrong one');
      const typed = ` ${second.replace('-', '').toUpperCase().slice(0, 4)} ${second.replace('-', '').toUpperCase().slice(4)} `;
      assert.equal((await h.as('alice', 'r3').recovery(typed)).body.recoveryCodesLeft, 8);
      assert.equal((await h.as('alice', 'r3').status()).body.recoveryCodesLeft, 8);
      assert.ok(h.events.some((e) => e.type === 'recovery-code-used' && e.recoveryCodesLeft === 8));
    });

    it('S30 recovery codes are stored only as hashes', async () => {
      const { recoveryCodes } = await enrolled(h, 'alice');
      const stored = JSON.stringify(await h.store.getUser('alice'));
      for (const code of recoveryCodes) {
        assert.ok(!stored.includes(code) && !stored.includes(code.replace('-', '')), 'no recovery code in the store');
      }
      assert.equal((await h.store.getUser('alice'))?.recoveryHashes.length, 10);
    });

    it('S30 recovery codes carry at least 50 bits from the CSPRNG and differ between users', async () => {
      const { recoveryCodes: a } = await enrolled(h, 'alice');
      const { recoveryCodes: b } = await enrolled(h, 'bob');
      // 10 base32 characters = 50 bits; the alphabet is checked by the format.
      for (const code of [...a, ...b]) assert.match(code, /^[a-z2-7]{5}-[a-z2-7]{5}$/);
      assert.equal(new Set([...a, ...b]).size, 20);
    });

    it('S30 wrong recovery codes are throttled by the same counter; malformed ones are bad input', async () => {
      const { recoveryCodes } = await enrolled(h, 'alice');
      const before = JSON.stringify(await h.store.getUser('alice'));
      for (const bad of ['', 'abc', 'abcde-abcd1', 12345, ['abcde-abcde'], 'abcde-abcde-abcde']) {
        const reply = await h.as('alice', 'x').recovery(bad);
        assert.equal(reply.status, 400);
        assert.equal(reply.body.error.code, 'bad-request');
      }
      assert.equal(JSON.stringify(await h.store.getUser('alice')), before);
      for (let i = 0; i < 4; i++) assert.equal((await h.as('alice', 'x').recovery('aaaaa-aaaaa')).status, 400);
      assert.equal((await h.as('alice', 'x').recovery('aaaaa-aaaaa')).status, 429);
      assert.equal((await h.as('alice', 'x').recovery(recoveryCodes[0])).status, 429, 'locked for recovery codes too');
      h.clock.now += 30_000;
      assert.equal((await h.as('alice', 'x').recovery(recoveryCodes[0])).status, 200);
    });

    it('S30 regenerating recovery codes needs a verified session and a fresh TOTP code', async () => {
      const { client, secret, recoveryCodes: old } = await enrolled(h, 'alice');
      h.clock.now += STEP;
      const unverified = await h.as('alice', 'password-only').regenerate(codeAt(secret, h.clock.now));
      assert.equal(unverified.status, 403);
      assert.equal(unverified.body.error.code, 'totp-required');
      const wrong = await client.regenerate(wrongCode(secret, h.clock.now));
      assert.equal(wrong.body.error.code, 'invalid-code');
      const code = codeAt(secret, h.clock.now);
      const fresh = await client.regenerate(code);
      assert.equal(fresh.status, 200);
      assert.equal(fresh.body.recoveryCodes.length, 10);
      assert.ok(fresh.body.recoveryCodes.every((c: string) => !old.includes(c)));
      assert.equal((await client.regenerate(code)).body.error.code, 'code-reused', 'the code is consumed');
      assert.equal((await h.as('alice', 'r').recovery(old[0])).status, 400, 'old codes are void');
      assert.equal((await h.as('alice', 'r2').recovery(fresh.body.recoveryCodes[0])).status, 200);
      assert.ok(h.events.some((e) => e.type === 'recovery-codes-regenerated'));
    });

    it('clock-skew hint at enrollment confirm: the offset of a nearby matching step, up to ±10 minutes', async () => {
      const alice = h.as('alice');
      const { body } = await alice.enroll();
      const behind = await alice.confirm(codeAt(body.secret, h.clock.now - 4 * STEP));
      assert.equal(behind.body.error.code, 'invalid-code');
      assert.equal(behind.body.error.skewSeconds, -120);
      const ahead = await alice.confirm(codeAt(body.secret, h.clock.now + 10 * STEP));
      assert.equal(ahead.body.error.skewSeconds, 300);
      const far = await alice.confirm(codeAt(body.secret, h.clock.now + 40 * STEP));
      assert.equal(far.body.error.code, 'invalid-code');
      assert.equal(far.body.error.skewSeconds, undefined);
    });

    it('no clock-skew hint at sign-in', async () => {
      const { secret } = await enrolled(h, 'alice');
      h.clock.now += STEP;
      const reply = await h.as('alice', 'two').verify(codeAt(secret, h.clock.now - 4 * STEP));
      assert.equal(reply.body.error.code, 'invalid-code');
      assert.equal(reply.body.error.skewSeconds, undefined);
    });

    it('S26 re-enrollment only when the host allows it and the session verified in the last 5 minutes', async () => {
      const r = makeHarness(h.store, { allowReenrollment: true });
      const { client, secret } = await enrolled(r, 'rita');
      r.clock.now += 6 * 60_000;
      assert.equal((await client.enroll()).status, 409, 'too long since the last code');
      const again = codeAt(secret, r.clock.now);
      assert.equal((await client.verify(again)).status, 200);
      const started = await client.enroll();
      assert.equal(started.status, 200);
      assert.notEqual(started.body.secret, secret);
      assert.equal((await r.as('rita', 'other').enroll()).status, 409, 'only the freshly verified session');
      r.clock.now += STEP;
      assert.equal((await client.confirm(codeAt(started.body.secret, r.clock.now))).status, 200);
      r.clock.now += STEP;
      assert.equal((await r.as('rita', 'x').verify(codeAt(secret, r.clock.now))).body.error.code, 'invalid-code');
      assert.equal((await r.as('rita', 'y').verify(codeAt(started.body.secret, r.clock.now))).status, 200);
    });

    it('admin.reset forces re-enrollment, revokes recovery codes, verified sessions and the lock', async () => {
      const { client, secret, recoveryCodes } = await enrolled(h, 'alice');
      for (let i = 0; i < 5; i++) await h.as('alice', 'bad').verify(wrongCode(secret, h.clock.now));
      assert.equal((await h.as('alice', 'bad').status()).body.state, 'locked');
      await h.service.admin.reset('alice', { reason: 'lost phone', adminId: 'root' });
      assert.equal((await client.guard())?.status, 403, 'verified sessions are revoked');
      assert.equal((await client.status()).body.state, 'enrollment-required');
      assert.equal((await h.as('alice', 'r').recovery(recoveryCodes[0])).status, 400);
      const status = await h.service.admin.status('alice');
      assert.equal(status.enrolled, false);
      assert.equal(status.failures, 0);
      assert.equal(status.recoveryCodesLeft, 0);
      const event = h.events.find((e) => e.type === 'admin-reset');
      assert.deepEqual(event && { userId: event.userId, sessionId: event.sessionId, outcome: event.outcome }, {
        userId: 'alice',
        sessionId: null,
        outcome: 'success',
      });
      // A fresh enrollment works at once, even within the step of the last accepted code.
      const { body } = await client.enroll();
      assert.equal((await client.confirm(codeAt(body.secret, h.clock.now))).status, 200);
    });

    it('admin.status and admin.report count decisions without revealing secrets', async () => {
      const a = makeHarness(h.store, {
        policy: { gracePeriodSeconds: 86_400, exemptions: [{ userId: 'ex', reason: 'service account' }] },
      });
      const { secret } = await enrolled(a, 'enrolled-user');
      await a.as('pending-user').enroll();
      await enrolled(a, 'locked-user');
      for (let i = 0; i < 5; i++) await a.as('locked-user', 'z').verify(wrongCode(secret, a.clock.now, 40));
      const report = await a.service.admin.report([
        'enrolled-user',
        'pending-user',
        'locked-user',
        'ex',
        { userId: 'new-in-grace', requiredSince: new Date(T0) },
      ]);
      assert.deepEqual(report, {
        total: 5,
        mustEnroll: 1,
        inGrace: 1,
        challenge: 1,
        exempt: 1,
        locked: 1,
        notRequired: 0,
      });
      const fromStore = await a.service.admin.report();
      assert.equal(fromStore.total, 3, 'the store lists users who reached the endpoints');
      const one = await a.service.admin.status('locked-user');
      assert.equal(one.locked, true);
      assert.equal(one.lockedUntil, new Date(a.clock.now + 30_000).toISOString());
      assert.ok(!JSON.stringify([report, one]).includes(secret));
    });

    it('admin.report reads the records 500 users at a time (getUsers) and counts what admin.status says of each', async () => {
      const a = makeHarness(h.store, { policy: { gracePeriodSeconds: 86_400 } });
      await enrolled(a, 'u0000');
      await a.as('u0001').enroll();
      const ids = Array.from({ length: 1_200 }, (_, i) => `u${String(i).padStart(4, '0')}`);
      const store = h.store;
      let batchReads = 0;
      let singleReads = 0;
      const counting = Object.create(store) as typeof store;
      counting.getUser = (id) => (singleReads++, store.getUser(id));
      counting.getUsers = store.getUsers && ((wanted) => (batchReads++, store.getUsers!(wanted)));
      const b = makeHarness(counting, { policy: { gracePeriodSeconds: 86_400 } });
      b.clock.now = a.clock.now;
      const report = await b.service.admin.report(ids);
      assert.equal(report.total, 1_200);
      assert.equal(report.challenge, 1, 'u0000 is enrolled');
      assert.equal(report.mustEnroll + report.inGrace, 1_199);
      if (store.getUsers) assert.deepEqual([batchReads, singleReads], [3, 0], 'three batches of at most 500');
      else assert.equal(singleReads, 1_200);
      for (const id of ['u0000', 'u0001', 'u0999']) {
        const one = await b.service.admin.status(id);
        assert.equal(one.enrolled, id === 'u0000');
      }
    });

    it('S27 S35 every step emits a complete audit event; no event or error body holds a secret or code', async () => {
      const alice = h.as('alice');
      const secrets: string[] = [];
      const started = await alice.enroll();
      secrets.push(started.body.secret, started.body.otpauthUri);
      const badConfirm = wrongCode(started.body.secret, h.clock.now, 25);
      await alice.confirm(badConfirm);
      const goodConfirm = codeAt(started.body.secret, h.clock.now);
      const confirmed = await alice.confirm(goodConfirm);
      const recovery: string[] = confirmed.body.recoveryCodes;
      h.clock.now += STEP;
      const good = codeAt(started.body.secret, h.clock.now);
      await h.as('alice', 's2').verify(good);
      await h.as('alice', 's3').verify(good);
      const wrongs: string[] = [];
      for (let i = 0; i < 5; i++) {
        const wrong = String(100_000 + i * 111_111).slice(0, 6);
        if (wrong === codeAt(started.body.secret, h.clock.now)) continue;
        wrongs.push(wrong);
        await h.as('alice', 's4').verify(wrong);
      }
      h.clock.now += 60_000;
      await h.as('alice', 's5').recovery(recovery[0]);
      await h.as('alice', 's6').recovery('zzzzz-zzzzz');
      h.clock.now += STEP;
      const regen = codeAt(started.body.secret, h.clock.now);
      const regenerated = await h.as('alice', 's5').regenerate(regen);
      await h.service.admin.reset('alice', { reason: 'lost phone', adminId: 'root' });
      const sensitive = [
        ...secrets,
        goodConfirm,
        badConfirm,
        good,
        regen,
        ...wrongs,
        ...recovery,
        ...recovery.map((c) => c.replace('-', '')),
        ...regenerated.body.recoveryCodes,
      ];
      const types = new Set(h.events.map((e) => e.type));
      for (const type of [
        'enrollment-started',
        'enrollment-confirmed',
        'verified',
        'verify-failed',
        'locked',
        'recovery-code-used',
        'recovery-codes-regenerated',
        'admin-reset',
      ]) {
        assert.ok(types.has(type as never), `missing ${type}`);
      }
      for (const event of h.events) {
        assert.equal(typeof event.type, 'string');
        assert.equal(new Date(event.at).toISOString(), event.at);
        assert.equal(event.userId, 'alice');
        assert.ok(event.sessionId === null || typeof event.sessionId === 'string');
        assert.ok(event.outcome === 'success' || event.outcome === 'failure');
        if (event.type === 'verify-failed' && event.reason === 'invalid-code')
          assert.equal(typeof event.attemptsLeft, 'number');
      }
      const errorBodies = h.bodies.filter((text) => text.includes('"error"'));
      assert.ok(errorBodies.length >= 6);
      const haystack = JSON.stringify(h.events) + errorBodies.join('\n');
      for (const value of sensitive) assert.ok(!haystack.includes(value), `leaked ${value.length}-character value`);
    });
  });
}
