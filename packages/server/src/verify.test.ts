/**
 * The algorithm (S1–S4, S17, S19): the server's own HMAC path against the RFC vectors (read from
 * test/vectors, never retyped), against otpauth, and against Debian's oathtool.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto, { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { describe, it, mock } from 'node:test';
import { decodeBase32, encodeBase32, type Algorithm } from '@totp-gate/core';
import { hotp as otpauthHotp } from '@totp-gate/core/otp';
import { checkCode, hotpCode } from './verify.js';
import { memoryStore } from './index.js';
import { makeHarness } from './test/harness.js';

const vectors = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../test/vectors/${name}`, import.meta.url), 'utf8'));
const hotpVectors = vectors('rfc4226-hotp.json') as {
  secretHex: string;
  digits: number;
  codes: Array<{ counter: number; code: string }>;
};
const totpVectors = vectors('rfc6238-totp.json') as {
  period: number;
  digits: number;
  secrets: Record<Algorithm, { base32: string }>;
  codes: Array<{ time: number } & Record<Algorithm, string>>;
  sixDigitSha1: Record<string, string>;
  wrongSeedTrap: Record<'SHA256' | 'SHA512', string>;
};
const ALGORITHMS: Algorithm[] = ['SHA1', 'SHA256', 'SHA512'];

function hasOathtool(): boolean {
  try {
    execFileSync('oathtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A random source that hands out the bytes of `seed` (for a service whose secret is the RFC seed). */
function seeded(seed: Uint8Array) {
  return (length: number) => Uint8Array.from({ length }, (_, i) => seed[i % seed.length]!);
}

describe('TOTP algorithm', () => {
  it('S1 HOTP counters 0–9 give the RFC 4226 Appendix D codes', () => {
    const key = Buffer.from(hotpVectors.secretHex, 'hex');
    assert.equal(hotpVectors.codes.length, 10);
    for (const { counter, code } of hotpVectors.codes) assert.equal(hotpCode(key, counter, 'SHA1', 6), code);
  });

  it('S2 all RFC 6238 Appendix B rows match, for SHA1, SHA256 and SHA512 with 8 digits', () => {
    let rows = 0;
    for (const row of totpVectors.codes) {
      for (const algorithm of ALGORITHMS) {
        const key = decodeBase32(totpVectors.secrets[algorithm].base32);
        const params = { algorithm, digits: 8, period: totpVectors.period, window: 0 };
        const check = checkCode(key, row[algorithm], params, row.time * 1000, null);
        assert.equal(check.step, Math.floor(row.time / totpVectors.period), `${algorithm} at ${row.time}`);
        rows++;
      }
    }
    assert.equal(rows, 18);
  });

  it('S2 the 6-digit SHA1 forms match, leading zeros kept; the wrong-seed values never appear', () => {
    const key = decodeBase32(totpVectors.secrets.SHA1.base32);
    for (const [time, code] of Object.entries(totpVectors.sixDigitSha1)) {
      assert.equal(hotpCode(key, Math.floor(Number(time) / 30), 'SHA1', 6), code);
    }
    for (const algorithm of ['SHA256', 'SHA512'] as const) {
      const key = decodeBase32(totpVectors.secrets[algorithm].base32);
      assert.notEqual(hotpCode(key, 1, algorithm, 8), totpVectors.wrongSeedTrap[algorithm]);
    }
  });

  it('S1 S2 S3 the SHA1 vectors pass through the service itself: enrollment and confirm via handle()', async () => {
    const seed = decodeBase32(totpVectors.secrets.SHA1.base32);
    for (const [digits, table] of [
      [8, Object.fromEntries(totpVectors.codes.map((row) => [String(row.time), row.SHA1]))],
      [6, totpVectors.sixDigitSha1],
    ] as const) {
      const h = makeHarness(memoryStore(), { policy: { totp: { digits } }, random: seeded(seed) });
      for (const [time, code] of Object.entries(table)) {
        h.clock.now = Number(time) * 1000;
        const user = h.as(`vector-${digits}-${time}`);
        const started = await user.enroll();
        assert.equal(started.body.secret, totpVectors.secrets.SHA1.base32);
        const reply = await user.confirm(code);
        assert.equal(reply.status, 200, `${digits} digits at t=${time}: ${JSON.stringify(reply.body)}`);
      }
    }
  });

  it('S3 counters beyond 2^32 are not truncated', () => {
    const key = randomBytes(20);
    for (const counter of [2 ** 32, 2 ** 32 + 5, 2 ** 40 + 123, 666_666_666]) {
      assert.equal(hotpCode(key, counter, 'SHA1', 6), otpauthHotp(key, counter));
    }
    assert.notEqual(hotpCode(key, 2 ** 32 + 5, 'SHA1', 8), hotpCode(key, 5, 'SHA1', 8));
  });

  it('codes equal otpauth for random secrets, every algorithm and length', () => {
    for (let i = 0; i < 30; i++) {
      const key = randomBytes(20 + (i % 3) * 12);
      const counter = randomInt(0, 2 ** 36);
      for (const algorithm of ALGORITHMS) {
        for (const digits of [6, 7, 8]) {
          assert.equal(hotpCode(key, counter, algorithm, digits), otpauthHotp(key, counter, { algorithm, digits }));
        }
      }
    }
  });

  it('S17 a match at delta 0, even at step 0, is accepted', () => {
    const key = randomBytes(20);
    const params = { algorithm: 'SHA1' as const, digits: 6, period: 30, window: 1 };
    assert.deepEqual(checkCode(key, hotpCode(key, 0, 'SHA1', 6), params, 5_000, null), { step: 0, reused: false });
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    assert.deepEqual(checkCode(key, hotpCode(key, step, 'SHA1', 6), params, now, step - 1), { step, reused: false });
    assert.deepEqual(checkCode(key, hotpCode(key, step, 'SHA1', 6), params, now, step), { step: null, reused: true });
  });

  it('S19 every step of the window is computed and compared with timingSafeEqual, match or not', (t) => {
    const hmac = mock.method(crypto, 'createHmac');
    const equal = mock.method(crypto, 'timingSafeEqual');
    syncBuiltinESMExports();
    t.after(() => {
      mock.restoreAll();
      syncBuiltinESMExports();
    });
    const key = randomBytes(20);
    const params = { algorithm: 'SHA1' as const, digits: 6, period: 30, window: 1 };
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    const work = (code: string) => {
      hmac.mock.resetCalls();
      equal.mock.resetCalls();
      checkCode(key, code, params, now, null);
      return [hmac.mock.callCount(), equal.mock.callCount()];
    };
    const first = hotpCode(key, step - 1, 'SHA1', 6);
    const last = hotpCode(key, step + 1, 'SHA1', 6);
    const wrong = ['000000', '999999', '123456'].find(
      (c) => ![first, last, hotpCode(key, step, 'SHA1', 6)].includes(c),
    )!;
    assert.deepEqual(work(first), [3, 3]);
    assert.deepEqual(work(last), [3, 3]);
    assert.deepEqual(work(wrong), [3, 3]);
    for (const call of equal.mock.calls) {
      const [a, b] = call.arguments as [Buffer, Buffer];
      assert.equal(a.length, b.length);
    }
  });

  const oathtool = hasOathtool();
  it(
    'S4 codes from oathtool for secrets the service generated are accepted, for each parameter set',
    { skip: oathtool ? false : 'oathtool is not installed (Debian: apt-get install oathtool)' },
    async () => {
      const sets = [
        { algorithm: 'SHA1', digits: 6, period: 30 },
        { algorithm: 'SHA1', digits: 8, period: 30 },
        { algorithm: 'SHA1', digits: 7, period: 60 },
        { algorithm: 'SHA256', digits: 6, period: 30 },
        { algorithm: 'SHA256', digits: 8, period: 45 },
        { algorithm: 'SHA512', digits: 6, period: 30 },
        { algorithm: 'SHA512', digits: 8, period: 120 },
      ] as const;
      for (const set of sets) {
        for (let i = 0; i < 3; i++) {
          const h = makeHarness(memoryStore(), { policy: { totp: set } });
          h.clock.now = 1_700_000_000_000 + randomInt(0, 1e12);
          const user = h.as(`oath-${i}`);
          const { body } = await user.enroll();
          assert.match(body.secret, /^[A-Z2-7]{32}$/);
          assert.equal(encodeBase32(decodeBase32(body.secret)), body.secret);
          const code = execFileSync(
            'oathtool',
            [
              `--totp=${set.algorithm.toLowerCase()}`,
              `--digits=${set.digits}`,
              `--time-step-size=${set.period}s`,
              `--now=@${Math.floor(h.clock.now / 1000)}`,
              '-b',
              body.secret,
            ],
            { encoding: 'utf8' },
          ).trim();
          const reply = await user.confirm(code);
          assert.equal(reply.status, 200, `${JSON.stringify(set)}: ${JSON.stringify(reply.body)}`);
        }
      }
    },
  );
});
