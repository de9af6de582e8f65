/**
 * S42: a pending enrollment belongs to the session that started it. Attacks by a second session
 * of the same user (someone who knows only the password): asking for the secret, confirming
 * first, racing the confirm. Runs once per store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STORE_KINDS, harnessPerTest, codeAt } from './test/harness.js';

for (const kind of STORE_KINDS) {
  describe(`enrollment bound to its session (${kind.name})`, () => {
    const h = harnessPerTest(kind);

    it('S42 another session of the same user never receives the pending secret, however often it asks', async () => {
      const user = h.as('alice', 'real-user');
      const attacker = h.as('alice', 'attacker');
      const real = (await user.enroll()).body.secret as string;
      const seen = new Set<string>();
      const answers: string[] = [];
      for (let i = 0; i < 5; i++) {
        const reply = await attacker.enroll();
        seen.add(reply.body.secret);
        answers.push(JSON.stringify(reply.body));
      }
      assert.equal(seen.size, 1, "the attacker's session gets a stable secret of its own");
      for (const answer of answers) assert.ok(!answer.includes(real), "the attacker never sees the real user's secret");
      assert.equal((await user.enroll()).body.secret, real, "the real user's reload still shows the same QR code");
    });

    it("S42 the first confirmation wins; the other session's confirm gets 409 already-enrolled", async () => {
      const user = h.as('alice', 'real-user');
      const attacker = h.as('alice', 'attacker');
      const real = (await user.enroll()).body.secret as string;
      const theirs = (await attacker.enroll()).body.secret as string;
      const first = await attacker.confirm(codeAt(theirs, h.clock.now));
      assert.equal(first.status, 200);
      const late = await user.confirm(codeAt(real, h.clock.now));
      assert.equal(late.status, 409);
      assert.equal(late.body.error.code, 'already-enrolled');
      assert.equal(
        (await user.status()).body.state,
        'challenge-required',
        'the real user sees a factor they never made',
      );
      // The real user's secret was dropped with the other pending enrollments: it opens nothing.
      h.clock.now += 30_000;
      const withReal = await user.verify(codeAt(real, h.clock.now));
      assert.equal(withReal.status, 400);
      assert.equal(withReal.body.error.code, 'invalid-code');
    });

    it("S42 a session cannot confirm with the code of another session's secret", async () => {
      const user = h.as('alice', 'real-user');
      const attacker = h.as('alice', 'attacker');
      const real = (await user.enroll()).body.secret as string;
      await attacker.enroll();
      const reply = await attacker.confirm(codeAt(real, h.clock.now));
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error.code, 'invalid-code');
      assert.equal((await user.confirm(codeAt(real, h.clock.now))).status, 200);
    });

    it('S42 a session that never started an enrollment cannot confirm one: 410, nothing changes', async () => {
      const user = h.as('alice', 'real-user');
      const real = (await user.enroll()).body.secret as string;
      const before = JSON.stringify(await h.store.getUser('alice'));
      const reply = await h.as('alice', 'attacker').confirm(codeAt(real, h.clock.now));
      assert.equal(reply.status, 410);
      assert.equal(reply.body.error.code, 'enrollment-expired');
      assert.equal(JSON.stringify(await h.store.getUser('alice')), before);
    });

    it('S42 parallel confirms from two sessions: exactly one wins, the other gets 409', async () => {
      const a = h.as('alice', 'session-a');
      const b = h.as('alice', 'session-b');
      const secretA = (await a.enroll()).body.secret as string;
      const secretB = (await b.enroll()).body.secret as string;
      const replies = await Promise.all([
        a.confirm(codeAt(secretA, h.clock.now)),
        b.confirm(codeAt(secretB, h.clock.now)),
      ]);
      const statuses = replies.map((reply) => reply.status).sort();
      assert.deepEqual(statuses, [200, 409]);
      const user = await h.store.getUser('alice');
      assert.equal(user?.enrollments?.length, 0, 'no pending enrollment is left behind');
      assert.equal(user?.generation, 1);
    });

    it('S42 S27 enrollment-started names the session; a second session starting while one is pending is audited apart', async () => {
      await h.as('alice', 'real-user').enroll();
      await h.as('alice', 'real-user').enroll();
      assert.deepEqual(
        h.events.map((e) => [e.type, e.sessionId, e.resumed]),
        [
          ['enrollment-started', 'real-user', false],
          ['enrollment-started', 'real-user', true],
        ],
        'a reload in the same session is no alert',
      );
      h.events.length = 0;
      await h.as('alice', 'attacker').enroll();
      assert.deepEqual(
        h.events.map((e) => [e.type, e.sessionId, e.outcome, e.otherSessions]),
        [
          ['enrollment-started', 'attacker', 'success', undefined],
          ['enrollment-started-elsewhere', 'attacker', 'success', 1],
        ],
      );
      for (const event of h.events) assert.equal(event.userId, 'alice');
    });

    it('S42 after its enrollment expires, a session starting again raises no alert about it', async () => {
      await h.as('alice', 'first').enroll();
      h.clock.now += 600_000;
      h.events.length = 0;
      await h.as('alice', 'second').enroll();
      assert.deepEqual(
        h.events.map((e) => e.type),
        ['enrollment-started'],
      );
    });

    it('S42 a flood of sessions keeps at most five pending secrets; the oldest gives way', async () => {
      const secrets: string[] = [];
      for (let i = 0; i < 7; i++) secrets.push((await h.as('alice', `s${i}`).enroll()).body.secret);
      assert.equal(new Set(secrets).size, 7);
      const user = await h.store.getUser('alice');
      assert.deepEqual(
        user?.enrollments?.map((entry) => entry.sessionId),
        ['s2', 's3', 's4', 's5', 's6'],
      );
      assert.equal((await h.as('alice', 's0').confirm(codeAt(secrets[0]!, h.clock.now))).status, 410);
      assert.equal((await h.as('alice', 's6').confirm(codeAt(secrets[6]!, h.clock.now))).status, 200);
    });

    it('S42 a per-user pending secret stored before S42 is never handed out nor confirmed', async () => {
      const fresh = await h.as('bob', 'setup').enroll();
      const legacySecret = fresh.body.secret as string;
      const stored = (await h.store.getUser('bob'))!.enrollments![0]!;
      const { sessionId: _dropped, ...legacyPending } = stored;
      // The record as an older version wrote it: one pending enrollment for the user.
      await h.store.updateUser('bob', (current) => {
        const { enrollments: _e, usedRecoveryCodes: _u, ...old } = current!;
        return { next: { ...old, pending: legacyPending }, result: undefined };
      });
      const other = h.as('bob', 'other-session');
      assert.equal((await other.confirm(codeAt(legacySecret, h.clock.now))).status, 410);
      const started = await other.enroll();
      assert.notEqual(started.body.secret, legacySecret);
      const user = await h.store.getUser('bob');
      assert.equal(user?.pending, null, 'the old secret is gone from the record');
      assert.deepEqual(
        user?.enrollments?.map((entry) => entry.sessionId),
        ['other-session'],
      );
    });
  });
}
