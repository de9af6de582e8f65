/** endSession(): what a host calls at sign-out, so the session's verified mark does not outlive it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryStore } from './index.js';
import { codeAt, makeHarness, STEP } from './test/harness.js';

describe('endSession at sign-out', () => {
  it("forgets the session's verified mark: the same session id must pass the second factor again", async () => {
    const h = makeHarness(memoryStore());
    const alice = h.as('alice');
    const { body } = await alice.enroll();
    assert.equal((await alice.confirm(codeAt(body.secret, h.clock.now))).status, 200);
    assert.equal(await alice.guard(), null, 'verified: the guard lets the session through');

    await h.service.endSession(alice.sessionId);
    const denied = await alice.guard();
    assert.equal(denied?.status, 403);
    assert.equal(denied?.body.error.code, 'totp-required');
    assert.equal((await alice.status()).body.state, 'challenge-required');

    // Another session of the same user is untouched by it, and ending an unknown session is no error.
    h.clock.now += 2 * STEP;
    const phone = h.as('alice', 'alice-phone');
    assert.equal((await phone.verify(codeAt(body.secret, h.clock.now))).status, 200);
    await h.service.endSession('no-such-session');
    await h.service.endSession(alice.sessionId);
    assert.equal(await phone.guard(), null);
  });
});
