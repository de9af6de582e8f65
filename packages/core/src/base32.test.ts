import { expect } from './test-fixtures/expect.js';
import { base32Bits, decodeBase32, encodeBase32 } from './base32.js';
import { TotpGateError } from './errors.js';
import { asciiBytes, hotpVectors, totpVectors } from './test-fixtures/vectors.js';

const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);

function refused(input: string, message: RegExp): void {
  let error: unknown;
  try {
    decodeBase32(input);
  } catch (e) {
    error = e;
  }
  expect(error, `decodeBase32(${JSON.stringify(input)})`).to.be.instanceOf(TotpGateError);
  expect((error as TotpGateError).code).to.equal('bad-request');
  expect((error as TotpGateError).message).to.match(message);
}

describe('base32 (S7)', () => {
  it('S7 encodes the RFC seeds of the shared vectors, upper case without padding', async () => {
    const [hotp, totp] = await Promise.all([hotpVectors(), totpVectors()]);
    const seeds = [hotp.secretAscii, ...Object.values(totp.secrets).map((s) => s.ascii)];
    const expected = [hotp.secretBase32, ...Object.values(totp.secrets).map((s) => s.base32)];
    expect(seeds.map((s) => encodeBase32(asciiBytes(s)))).to.deep.equal(expected);
    for (const out of expected) expect(out).to.match(/^[A-Z2-7]+$/);
  });

  it('S7 decodes them back', async () => {
    const totp = await totpVectors();
    for (const { ascii, base32 } of Object.values(totp.secrets)) expect(text(decodeBase32(base32))).to.equal(ascii);
  });

  // RFC 4648 section 10, without the padding we never write.
  const rfc4648: Array<[string, string]> = [
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ];
  for (const [plain, encoded] of rfc4648) {
    it(`S7 "${plain}" ↔ "${encoded}" (RFC 4648)`, () => {
      expect(encodeBase32(asciiBytes(plain))).to.equal(encoded);
      if (encoded) expect(text(decodeBase32(encoded))).to.equal(plain);
    });
  }

  it('S7 decoding accepts lower case, spaces and trailing padding', () => {
    for (const input of ['mzxw6ytboi', 'MZXW 6YTB OI', ' mzxw6 ytboi\n', 'MZXW6YTBOI======', 'mzxw 6ytb oi== ==']) {
      expect(text(decodeBase32(input)), input).to.equal('foobar');
    }
  });

  it('S7 decoding refuses an empty string, with a clear error', () => {
    refused('', /empty/);
    refused('   ', /empty/);
    refused('====', /empty/);
  });

  it('S7 decoding refuses characters outside the alphabet', () => {
    for (const input of ['MZXW6YT0', 'MZXW6YT1', 'MZXW6YT8', 'MZXW6YT!', 'MZ=XW6YT', 'MZXW6YTÉ', 'MZXW-6YTB']) {
      refused(input, /not base32/);
    }
  });

  it('decoding refuses lengths no encoder produces', () => {
    for (const input of ['M', 'MZX', 'MZXW6Y', 'MZXW6YTBO']) refused(input, /length/);
  });

  it('round-trips random byte strings of every length up to 40', () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const encoded = encodeBase32(bytes);
      expect(encoded).to.match(/^[A-Z2-7]*$/);
      expect(encoded.length).to.equal(Math.ceil((length * 8) / 5));
      if (length > 0) expect(Array.from(decodeBase32(encoded))).to.deep.equal(Array.from(bytes));
    }
  });

  it('counts the bits of key material in a secret', () => {
    expect([16, 25, 26, 32, 52].map(base32Bits)).to.deep.equal([80, 120, 128, 160, 256]);
  });
});
