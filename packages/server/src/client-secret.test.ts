/**
 * S8: only the server chooses a secret. A secret a client sends along is ignored, a code made
 * from it confirms nothing, and nothing a client sends replaces an active factor.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STEP, STORE_KINDS, harnessPerTest, codeAt, enrolled, type Harness } from './test/harness.js';

const CHOSEN = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function enrollWithSecret(h: Harness, userId: string, sessionId = `${userId}-session-1`) {
  return h.post('/enrollment', userId, sessionId, {
    secret: CHOSEN,
    otpauthUri: `otpauth://totp/Acme:x?secret=${CHOSEN}&issuer=Acme`,
  });
}

for (const kind of STORE_KINDS) {
  describe(`client-chosen secrets (${kind.name})`, () => {
    const h = harnessPerTest(kind);

    it('S8 a secret sent with POST /enrollment is ignored and a code from it confirms nothing', async () => {
      const reply = await enrollWithSecret(h, 'alice');
      assert.equal(reply.status, 200);
      assert.notEqual(reply.body.secret, CHOSEN);
      assert.ok(!String(reply.body.otpauthUri).includes(CHOSEN));

      const forged = await h.as('alice').confirm(codeAt(CHOSEN, h.clock.now));
      assert.equal(forged.status, 400);
      assert.equal(forged.body.error.code, 'invalid-code');
      const again = await h.as('alice').enroll();
      assert.equal(again.body.secret, reply.body.secret, 'the pending secret is still the one the server made');
    });

    it('S8 an active factor cannot be replaced: the enrolled secret keeps working', async () => {
      const { secret } = await enrolled(h, 'alice');
      const replace = await enrollWithSecret(h, 'alice', 'alice-session-2');
      assert.equal(replace.status, 409);
      assert.equal(replace.body.error.code, 'already-enrolled');
      const confirm = await h.as('alice', 'alice-session-2').confirm(codeAt(CHOSEN, h.clock.now));
      assert.notEqual(confirm.status, 200);

      h.clock.now += STEP;
      assert.equal((await h.as('alice', 'alice-session-3').verify(codeAt(secret, h.clock.now))).status, 200);
      assert.notEqual((await h.as('alice', 'alice-session-4').verify(codeAt(CHOSEN, h.clock.now))).status, 200);
    });
  });
}
