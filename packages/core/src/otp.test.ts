import { expect } from './test-fixtures/expect.js';
import * as OTPAuth from 'otpauth';
import { compatibilityWarnings } from './enrollment-checks.js';
import { parseOtpauthUri, type OtpauthParameters } from './otpauth-uri.js';
import { TotpGateError } from './errors.js';
import { buildOtpauthUri, createSecret, decodeBase32, encodeBase32, hotp, totp } from './otp.js';
import { ALICE, SECRET } from './test-fixtures/hostile.js';
import { asciiBytes, hotpVectors, totpVectors } from './test-fixtures/vectors.js';

const params = (extra: Partial<OtpauthParameters> = {}): OtpauthParameters => ({ ...ALICE, ...extra });

function badRequest(fn: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).to.be.instanceOf(TotpGateError);
  expect((error as TotpGateError).code).to.equal('bad-request');
  expect((error as TotpGateError).message).to.match(message);
}

const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;

describe('hotp (RFC 4226)', () => {
  it('S1 counters 0–9 give the Appendix D codes, from the base32 and from the raw seed', async () => {
    const v = await hotpVectors();
    expect(v.codes.map((c) => c.counter)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const { counter, code } of v.codes) {
      expect(hotp(v.secretBase32, counter, { digits: v.digits }), `counter ${counter}`).to.equal(code);
      expect(hotp(asciiBytes(v.secretAscii), counter), `counter ${counter}, bytes`).to.equal(code);
    }
  });
});

describe('totp (RFC 6238)', () => {
  it('S2 all 18 Appendix B rows (SHA1, SHA256, SHA512, 8 digits) match', async () => {
    const v = await totpVectors();
    let checked = 0;
    for (const row of v.codes) {
      for (const algorithm of ALGORITHMS) {
        const code = totp(v.secrets[algorithm].base32, row.time * 1000, {
          algorithm,
          digits: v.digits,
          period: v.period,
        });
        expect(code, `${algorithm} at ${row.time}`).to.equal(row[algorithm]);
        checked++;
      }
    }
    expect(checked).to.equal(18);
  });

  it('S2 the 6-digit SHA1 forms match, as strings with their leading zeros', async () => {
    const v = await totpVectors();
    const entries = Object.entries(v.sixDigitSha1);
    expect(entries).to.have.length(6);
    for (const [time, expected] of entries) {
      const code = totp(v.secrets.SHA1.base32, Number(time) * 1000);
      expect(code).to.be.a('string');
      expect(code).to.equal(expected);
    }
    expect(v.sixDigitSha1['1234567890']).to.match(/^00/); // the row that proves zeros are kept
  });

  it('S2 the "wrong seed" trap values are never produced', async () => {
    const v = await totpVectors();
    const produced = new Set<string>();
    for (const row of v.codes) {
      for (const algorithm of ALGORITHMS) {
        produced.add(totp(v.secrets[algorithm].base32, row.time * 1000, { algorithm, digits: 8 }));
      }
    }
    expect(produced.has(v.wrongSeedTrap.SHA256)).to.equal(false);
    expect(produced.has(v.wrongSeedTrap.SHA512)).to.equal(false);
    // The trap is what the 20-byte SHA1 seed gives: the vectors' seeds must differ from it.
    expect(v.secrets.SHA256.base32).not.to.equal(v.secrets.SHA1.base32);
  });

  it('S3 t = 20000000000 (beyond 2^32 seconds) is not truncated', async () => {
    const v = await totpVectors();
    const row = v.codes.find((r) => r.time === 20_000_000_000)!;
    expect(row.time).to.be.above(2 ** 32);
    expect(Math.floor(row.time / v.period)).to.equal(parseInt(row.stepHex, 16));
    for (const algorithm of ALGORITHMS) {
      expect(totp(v.secrets[algorithm].base32, row.time * 1000, { algorithm, digits: 8 })).to.equal(row[algorithm]);
    }
    // What an implementation that keeps time in 32 bits would compute instead.
    const wrapped = totp(v.secrets.SHA1.base32, (row.time % 2 ** 32) * 1000, { digits: 8 });
    expect(wrapped).not.to.equal(row.SHA1);
  });

  it('uses the period it is given', () => {
    expect(totp(SECRET, 59_000, { period: 60 })).to.equal(hotp(SECRET, 0));
    expect(totp(SECRET, 60_000, { period: 60 })).to.equal(hotp(SECRET, 1));
  });
});

describe('createSecret (S5, S6)', () => {
  it('S5 makes 20 random bytes as 32 upper-case base32 characters without padding', () => {
    const secret = createSecret();
    expect(secret).to.match(/^[A-Z2-7]{32}$/);
    expect(decodeBase32(secret)).to.have.length(20);
  });

  it('S6 uses the injected random source, asking it for 20 bytes', () => {
    const asked: number[] = [];
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => i * 13);
    const secret = createSecret((n) => (asked.push(n), bytes));
    expect(asked).to.deep.equal([20]);
    expect(secret).to.equal(encodeBase32(bytes));
  });

  it('S6 uses crypto.getRandomValues by default', () => {
    const original = crypto.getRandomValues;
    let calls = 0;
    Object.defineProperty(crypto, 'getRandomValues', {
      configurable: true,
      value: (array: Uint8Array) => (calls++, original.call(crypto, array)),
    });
    try {
      createSecret();
    } finally {
      delete (crypto as { getRandomValues?: unknown }).getRandomValues;
    }
    expect(calls).to.equal(1);
    expect(crypto.getRandomValues).to.equal(original);
  });

  it('S6 two secrets differ', () => {
    expect(createSecret()).not.to.equal(createSecret());
  });

  it('refuses a random source that gives the wrong number of bytes', () => {
    expect(() => createSecret(() => new Uint8Array(19))).to.throw(/20 bytes/);
  });
});

describe('buildOtpauthUri', () => {
  it('S9 puts the issuer in the label and in the issuer parameter, equal', () => {
    const uri = buildOtpauthUri(params());
    expect(uri).to.match(/^otpauth:\/\/totp\/Acme:alice%40example\.com\?/);
    expect(new URLSearchParams(uri.split('?')[1]).get('issuer')).to.equal('Acme');
    expect(parseOtpauthUri(uri)).to.deep.equal(params());
  });

  it('writes exactly the URI the otpauth library writes for the same parameters', () => {
    for (const extra of [
      {},
      { issuer: 'A & B', account: 'zoë+1@example.com' },
      { algorithm: 'SHA512', digits: 8, period: 60 },
    ] as const) {
      const p = params(extra);
      const library = new OTPAuth.TOTP({
        issuer: p.issuer,
        label: p.account,
        issuerInLabel: true,
        secret: OTPAuth.Secret.fromBase32(p.secret),
        algorithm: p.algorithm,
        digits: p.digits,
        period: p.period,
      });
      expect(buildOtpauthUri(p)).to.equal(library.toString());
    }
  });

  it('S7 writes the secret upper case without padding', () => {
    const secret = new URLSearchParams(buildOtpauthUri(params()).split('?')[1]).get('secret');
    expect(secret).to.equal(SECRET);
  });

  const survivors = [
    'Acme Corp',
    'A & B',
    'Issue #1',
    'Why?',
    '100% sure',
    'one+two',
    'a&b=c#d?e%f+g h',
    'Ελληνικά',
    '日本語のアカウント',
    'عربي',
    'Łódź Ünïcödé',
    '<script>alert(1)</script>',
    '"quoted" \'single\'',
    'emoji 🔐',
  ];
  for (const value of survivors) {
    it(`S10 ${JSON.stringify(value)} survives build → parse unchanged, as issuer and as account`, () => {
      const asIssuer = parseOtpauthUri(buildOtpauthUri(params({ issuer: value })));
      expect(asIssuer.issuer).to.equal(value);
      const asAccount = parseOtpauthUri(buildOtpauthUri(params({ account: value })));
      expect(asAccount.account).to.equal(value);
    });
  }

  it('S10 refuses ":" in issuer or account', () => {
    badRequest(() => buildOtpauthUri(params({ issuer: 'Acme:Corp' })), /issuer must not contain ":"/);
    badRequest(() => buildOtpauthUri(params({ account: 'alice:admin' })), /account must not contain ":"/);
  });

  it('S9 refuses an empty issuer or account', () => {
    badRequest(() => buildOtpauthUri(params({ issuer: '' })), /issuer is empty/);
    badRequest(() => buildOtpauthUri(params({ account: '  ' })), /account is empty/);
  });

  it('S5 refuses a secret under 128 bits', () => {
    badRequest(() => buildOtpauthUri(params({ secret: 'JBSWY3DPEHPK3PXP' })), /128 bits/);
    badRequest(() => buildOtpauthUri(params({ secret: SECRET.slice(0, 25) })), /128 bits/);
    expect(() => buildOtpauthUri(params({ secret: SECRET.slice(0, 26) }))).not.to.throw();
  });

  it('S11 refuses a period over 120 s and accepts 120 s with a compatibility warning', () => {
    badRequest(() => buildOtpauthUri(params({ period: 121 })), /period/);
    badRequest(() => buildOtpauthUri(params({ period: 0 })), /period/);
    const uri = buildOtpauthUri(params({ period: 120 }));
    expect(parseOtpauthUri(uri).period).to.equal(120);
    expect(compatibilityWarnings(parseOtpauthUri(uri))).to.deep.equal(['period']);
  });

  it('S11 carries other parameters and warns about them', () => {
    const parsed = parseOtpauthUri(buildOtpauthUri(params({ algorithm: 'SHA256', digits: 8 })));
    expect(parsed).to.include({ algorithm: 'SHA256', digits: 8, period: 30 });
    expect(compatibilityWarnings(parsed)).to.deep.equal(['algorithm', 'digits']);
    expect(compatibilityWarnings(parseOtpauthUri(buildOtpauthUri(params())))).to.deep.equal([]);
  });

  it('refuses digits outside 6–8 and unknown algorithms', () => {
    badRequest(() => buildOtpauthUri(params({ digits: 9 })), /Digits/);
    badRequest(() => buildOtpauthUri(params({ algorithm: 'MD5' as 'SHA1' })), /algorithm/);
  });

  it('a code computed from the built URI matches the code from the secret', () => {
    const parsed = parseOtpauthUri(buildOtpauthUri(params({ algorithm: 'SHA512', digits: 8, period: 60 })));
    const t = 1_772_366_400_000;
    expect(totp(parsed.secret, t, parsed)).to.equal(totp(SECRET, t, { algorithm: 'SHA512', digits: 8, period: 60 }));
  });
});
