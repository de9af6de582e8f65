/**
 * Recovery codes against a stolen database (S30: salted, keyed or cost-bearing hashes; the old
 * unsalted SHA-256 form still verifies and is upgraded) and against double submission (S47).
 * Runs once per store.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { STORE_KINDS, harnessPerTest, enrolled } from './test/harness.js';

const sha256 = (code: string) => createHash('sha256').update(code.replace('-', ''), 'utf8').digest('hex');

for (const kind of STORE_KINDS) {
  for (const keyed of [true, false]) {
    const mode = keyed ? 'with an encryptionKey' : 'without an encryptionKey';
    describe(`recovery codes ${mode} (${kind.name})`, () => {
      const h = harnessPerTest(kind, keyed ? { encryptionKey: randomBytes(32) } : {});

      it(`S30 codes are stored salted, ${keyed ? 'as HMAC-SHA-256 under a key from the encryptionKey' : 'as scrypt'}, never as a plain digest`, async () => {
        const { recoveryCodes } = await enrolled(h, 'alice');
        const { recoveryCodes: bobs } = await enrolled(h, 'bob');
        const stored = (await h.store.getUser('alice'))!.recoveryHashes;
        assert.equal(stored.length, 10);
        const form = keyed ? /^hmac-sha256:v1:[\w-]{22}:[\w-]{43}$/ : /^scrypt:v1:[\w-]{22}:[\w-]{43}$/;
        for (const hash of stored) assert.match(hash, form);
        const text = JSON.stringify(await h.store.getUser('alice'));
        for (const code of recoveryCodes) {
          assert.ok(!text.includes(code.replace('-', '')), 'no code in the record');
          assert.ok(!text.includes(sha256(code)), 'no unsalted digest in the record');
        }
        const salts = (hashes: string[]) => new Set(hashes.map((hash) => hash.split(':')[2]));
        const bobSalts = salts((await h.store.getUser('bob'))!.recoveryHashes);
        // HMAC: a salt per code. scrypt: one salt per set of codes, so a redemption costs one scrypt.
        assert.equal(salts(stored).size, keyed ? 10 : 1);
        for (const salt of salts(stored)) assert.ok(!bobSalts.has(salt), 'no salt shared between users');
        assert.equal(bobs.length, 10);
      });

      it('S30 unsalted SHA-256 hashes from older records still verify, and the first attempt upgrades them all', async () => {
        const { recoveryCodes } = await enrolled(h, 'alice');
        await h.store.updateUser('alice', (user) => ({
          next: { ...user!, recoveryHashes: recoveryCodes.map(sha256) },
          result: undefined,
        }));
        const wrong = await h.as('alice', 'r0').recovery('aaaaa-aaaaa');
        assert.equal(wrong.body.error.code, 'invalid-code');
        const afterWrong = (await h.store.getUser('alice'))!;
        assert.equal(afterWrong.failures, 1, 'a wrong code still counts');
        assert.ok(
          afterWrong.recoveryHashes.every((hash) => !/^[0-9a-f]{64}$/.test(hash)),
          'every hash upgraded',
        );
        assert.equal(afterWrong.recoveryHashes.length, 10);
        const one = await h.as('alice', 'r1').recovery(recoveryCodes[0]);
        assert.deepEqual(one.body, { state: 'verified', recoveryCodesLeft: 9 });
        const again = await h.as('alice', 'r2').recovery(recoveryCodes[0]);
        assert.equal(again.body.error.code, 'code-reused');
        assert.equal((await h.as('alice', 'r3').recovery(recoveryCodes[9])).status, 200, 'the others still work');
      });

      it('S30 an old SHA-256 hash is redeemed on its first use and the rest are upgraded in the same write', async () => {
        const { recoveryCodes } = await enrolled(h, 'alice');
        await h.store.updateUser('alice', (user) => ({
          next: { ...user!, recoveryHashes: recoveryCodes.map(sha256) },
          result: undefined,
        }));
        assert.equal((await h.as('alice', 'r1').recovery(recoveryCodes[3])).status, 200);
        const user = (await h.store.getUser('alice'))!;
        assert.equal(user.recoveryHashes.length, 9);
        assert.ok(!JSON.stringify(user).match(/"[0-9a-f]{64}"/), 'no unsalted digest left, used ones included');
        assert.equal((await h.as('alice', 'r2').recovery(recoveryCodes[4])).body.recoveryCodesLeft, 8);
      });

      it('S47 twenty parallel copies of a valid recovery code: one success, the rest refused as reused, nothing counted', async () => {
        const { recoveryCodes } = await enrolled(h, 'alice');
        const replies = await Promise.all(
          Array.from({ length: 20 }, (_, i) => h.as('alice', `parallel-${i}`).recovery(recoveryCodes[0])),
        );
        const tally = new Map<string, number>();
        for (const reply of replies) {
          const key = reply.status === 200 ? 'ok' : reply.body.error.code;
          tally.set(key, (tally.get(key) ?? 0) + 1);
        }
        assert.deepEqual(Object.fromEntries(tally), { ok: 1, 'code-reused': 19 });
        const user = (await h.store.getUser('alice'))!;
        assert.equal(user.failures, 0, 'no copy counted as a wrong guess');
        assert.equal(user.recoveryHashes.length, 9);
        const winner = replies.findIndex((reply) => reply.status === 200);
        assert.equal(await h.as('alice', `parallel-${winner}`).guard(), null);
        const loser = winner === 0 ? 1 : 0;
        assert.equal((await h.as('alice', `parallel-${loser}`).guard())?.status, 403, 'a reused code opens nothing');
        assert.equal((await h.as('alice', 'fresh').status()).body.attemptsLeft, 5);
      });

      it('S47 a double click after a good recovery code is refused, not counted, and audited as code-reused', async () => {
        const { recoveryCodes } = await enrolled(h, 'alice');
        const session = h.as('alice', 'r1');
        assert.equal((await session.recovery(recoveryCodes[1])).status, 200);
        h.clock.now += 2_000;
        h.events.length = 0;
        const second = await session.recovery(recoveryCodes[1]);
        assert.equal(second.status, 400);
        assert.equal(second.body.error.code, 'code-reused');
        assert.equal(second.body.error.attemptsLeft, undefined);
        assert.deepEqual(
          h.events.map((e) => [e.type, e.stage, e.reason]),
          [['verify-failed', 'recovery', 'code-reused']],
        );
        assert.equal((await h.store.getUser('alice'))!.failures, 0);
        assert.equal(await session.guard(), null, 'the session stays verified');
      });
    });
  }
}
