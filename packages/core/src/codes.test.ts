import { expect } from './test-fixtures/expect.js';
import { formatSecret, normalizeCode, type NormalizeOptions, type NormalizedCode } from './codes.js';
import { compatibilityWarnings, otpauthUriMatches } from './enrollment-checks.js';
import { checkLabelPart, checkSecret, parseOtpauthUri } from './otpauth-uri.js';
import { TotpGateError } from './errors.js';
import { ALICE, SECRET } from './test-fixtures/hostile.js';

function throwsBadRequest(fn: () => unknown, message?: RegExp): TotpGateError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a TotpGateError').to.be.instanceOf(TotpGateError);
  expect((error as TotpGateError).code).to.equal('bad-request');
  if (message) expect((error as TotpGateError).message).to.match(message);
  return error as TotpGateError;
}

describe('normalizeCode', () => {
  const rows: Array<[string, unknown, NormalizedCode, NormalizeOptions?]> = [
    ['plain digits', '123456', { ok: true, code: '123456' }],
    ['leading zeros kept', '000123', { ok: true, code: '000123' }],
    ['spaces around and inside', ' 123 456 ', { ok: true, code: '123456' }],
    ['a dash', '123-456', { ok: true, code: '123456' }],
    ['tabs and new lines from a paste', '\t123\n456\r\n', { ok: true, code: '123456' }],
    ['no-break and ideographic spaces', '123\u00a0456\u3000', { ok: true, code: '123456' }],
    ['en dash, minus sign and full-width hyphen', '12\u20133\u22124\uff0d56', { ok: true, code: '123456' }],
    ['full-width digits', '１２３４５６', { ok: true, code: '123456' }],
    ['full-width digits with an ideographic space', '１２３\u3000４５６', { ok: true, code: '123456' }],
    ['Arabic-Indic digits', '\u0661\u0662\u0663\u0664\u0665\u0666', { ok: true, code: '123456' }],
    ['Extended Arabic-Indic digits', '\u06f1\u06f2\u06f3\u06f4\u06f5\u06f0', { ok: true, code: '123450' }],
    ['Devanagari digits', '\u0967\u0968\u0969\u096a\u096b\u0966', { ok: true, code: '123450' }],
    ['Thai digits', '\u0e51\u0e52\u0e53\u0e54\u0e55\u0e59', { ok: true, code: '123459' }],
    ['Bengali digits', '\u09e6\u09e7\u09e8\u09e9\u09ea\u09ef', { ok: true, code: '012349' }],
    [
      'mathematical monospace digits',
      '\u{1d7f6}\u{1d7f7}\u{1d7f8}\u{1d7f9}\u{1d7fa}\u{1d7ff}',
      { ok: true, code: '012349' },
    ],
    ['mixed scripts', '1２\u0663４\u09eb6', { ok: true, code: '123456' }],
    ['8 digits when asked for 8', '1234 5678', { ok: true, code: '12345678' }, { digits: 8 }],
    ['7 digits within a range', '1234567', { ok: true, code: '1234567' }, { digits: [6, 8] }],
    ['S18 ASCII digits with asciiOnly', '123 456', { ok: true, code: '123456' }, { asciiOnly: true }],
    ['a letter', '12a456', { ok: false, reason: 'invalid-characters' }],
    ['the letter O for zero', '12345O', { ok: false, reason: 'invalid-characters' }],
    ['a dot', '123.456', { ok: false, reason: 'invalid-characters' }],
    ['a plus sign', '+123456', { ok: false, reason: 'invalid-characters' }],
    ['superscript two (a digit, but not decimal)', '12345\u00b2', { ok: false, reason: 'invalid-characters' }],
    ['HTML', '<b>123456</b>', { ok: false, reason: 'invalid-characters' }],
    [
      'S18 full-width digits with asciiOnly',
      '１２３４５６',
      { ok: false, reason: 'invalid-characters' },
      { asciiOnly: true },
    ],
    [
      'S18 Arabic-Indic digits with asciiOnly',
      '\u0661\u0662\u0663\u0664\u0665\u0666',
      { ok: false, reason: 'invalid-characters' },
      { asciiOnly: true },
    ],
    ['five digits', '12345', { ok: false, reason: 'too-short' }],
    ['seven digits', '1234567', { ok: false, reason: 'too-long' }],
    ['six digits when 8 are needed', '123456', { ok: false, reason: 'too-short' }, { digits: 8 }],
    ['nine digits for a range up to 8', '123456789', { ok: false, reason: 'too-long' }, { digits: [6, 8] }],
    ['a pasted page', '1'.repeat(100_000), { ok: false, reason: 'too-long' }],
    ['an empty string', '', { ok: false, reason: 'empty' }],
    ['only separators', ' - - ', { ok: false, reason: 'empty' }],
    ['S18 a number', 123456, { ok: false, reason: 'not-a-string' }],
    ['S18 an array', ['123456'], { ok: false, reason: 'not-a-string' }],
    ['null', null, { ok: false, reason: 'not-a-string' }],
    ['undefined', undefined, { ok: false, reason: 'not-a-string' }],
    ['an object', { code: '123456' }, { ok: false, reason: 'not-a-string' }],
  ];
  for (const [name, input, expected, options] of rows) {
    it(`${name} → ${expected.ok ? expected.code : expected.reason}`, () => {
      expect(normalizeCode(input, options)).to.deep.equal(expected);
    });
  }
});

describe('formatSecret', () => {
  it('groups a secret in fours for reading', () => {
    expect(formatSecret(SECRET)).to.equal('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(formatSecret('JBSWY3DPEHPK3PXPJB')).to.equal('JBSW Y3DP EHPK 3PXP JB');
    expect(formatSecret('JBS')).to.equal('JBS');
    expect(formatSecret('')).to.equal('');
  });
  it('regroups a secret that already has spaces', () => {
    expect(formatSecret('JB SWY3 DPEH PK3PXP')).to.equal('JBSW Y3DP EHPK 3PXP');
  });
  it('never changes the characters, only the spaces', () => {
    expect(formatSecret(SECRET).replace(/ /g, '')).to.equal(SECRET);
  });
});

describe('compatibilityWarnings (S11)', () => {
  const rows: Array<[Parameters<typeof compatibilityWarnings>[0], string[]]> = [
    [{ algorithm: 'SHA1', digits: 6, period: 30 }, []],
    [{ algorithm: 'SHA256', digits: 6, period: 30 }, ['algorithm']],
    [{ algorithm: 'SHA512', digits: 6, period: 30 }, ['algorithm']],
    [{ algorithm: 'SHA1', digits: 8, period: 30 }, ['digits']],
    [{ algorithm: 'SHA1', digits: 6, period: 60 }, ['period']],
    [{ algorithm: 'SHA256', digits: 8, period: 60 }, ['algorithm', 'digits', 'period']],
  ];
  for (const [params, expected] of rows) {
    it(`S11 ${params.algorithm}/${params.digits}/${params.period} → [${expected.join(', ')}]`, () => {
      expect(compatibilityWarnings(params)).to.deep.equal(expected);
    });
  }
});

describe('checkLabelPart and checkSecret', () => {
  it('S10 refuses ":" in issuer or account', () => {
    throwsBadRequest(() => checkLabelPart('issuer', 'Acme:Corp'), /issuer must not contain ":"/);
    throwsBadRequest(() => checkLabelPart('account', 'a:b@example.com'), /account/);
  });
  it('S9 refuses an empty or blank issuer or account', () => {
    throwsBadRequest(() => checkLabelPart('issuer', ''), /issuer is empty/);
    throwsBadRequest(() => checkLabelPart('account', ' \t'), /account is empty/);
  });
  it('refuses a label part over 256 characters and accepts one of 256', () => {
    throwsBadRequest(() => checkLabelPart('account', 'a'.repeat(257)));
    expect(() => checkLabelPart('account', 'a'.repeat(256))).not.to.throw();
  });
  it('S10 accepts spaces, & # ? % +, non-Latin letters and HTML', () => {
    for (const value of ['Acme Corp', 'A&B #1? 100% +', 'Ελληνικά 日本語 عربي', '<script>alert(1)</script>']) {
      expect(() => checkLabelPart('issuer', value)).not.to.throw();
    }
  });
  it('S5 refuses a secret under 128 bits and accepts 128 and 160', () => {
    throwsBadRequest(() => checkSecret(SECRET.slice(0, 25)), /128 bits/);
    expect(() => checkSecret(SECRET.slice(0, 26))).not.to.throw();
    expect(() => checkSecret(SECRET)).not.to.throw();
  });
  it('S7 refuses lower case, padding and other characters in a URI secret', () => {
    for (const bad of [SECRET.toLowerCase(), `${SECRET}====`, `${SECRET.slice(0, 31)}1`, `${SECRET} `]) {
      throwsBadRequest(() => checkSecret(bad), /upper-case base32/);
    }
  });
});

describe('parseOtpauthUri', () => {
  const uri = (label: string, query: string) => `otpauth://totp/${label}?${query}`;
  const good = uri('Acme:alice%40example.com', `secret=${SECRET}&issuer=Acme`);

  it('reads issuer, account, secret and the default parameters', () => {
    expect(parseOtpauthUri(good)).to.deep.equal(ALICE);
  });

  it('reads explicit parameters in any order', () => {
    const parsed = parseOtpauthUri(uri('Acme:bob', `period=60&digits=8&algorithm=SHA512&issuer=Acme&secret=${SECRET}`));
    expect(parsed).to.include({ algorithm: 'SHA512', digits: 8, period: 60, account: 'bob' });
  });

  it('reads an encoded space as a space and a literal + as a plus', () => {
    const parsed = parseOtpauthUri(uri('A%20%2B%20B:x', `secret=${SECRET}&issuer=A%20+%20B`));
    expect(parsed.issuer).to.equal('A + B');
  });

  it('S10 reads a + in the issuer parameter as a space when the label says so (URLSearchParams encoding)', () => {
    // What better-auth's two-factor plugin writes for the issuer "My App".
    const parsed = parseOtpauthUri(uri('My%20App:alice%2Btest%40example.com', `secret=${SECRET}&issuer=My+App`));
    expect(parsed).to.include({ issuer: 'My App', account: 'alice+test@example.com' });
    throwsBadRequest(() => parseOtpauthUri(uri('My%20App:a', `secret=${SECRET}&issuer=My+Apps`)), /differs/);
    throwsBadRequest(() => parseOtpauthUri(uri('My%2BApp:a', `secret=${SECRET}&issuer=My%20App`)), /differs/);
  });

  const refused: Array<[string, string, RegExp]> = [
    ['not an otpauth URI', 'https://example.com/?secret=X', /Not an otpauth TOTP URI/],
    ['an HOTP URI', `otpauth://hotp/Acme:a?secret=${SECRET}&issuer=Acme&counter=0`, /Not an otpauth TOTP URI/],
    ['a URI without a query', 'otpauth://totp/Acme:a', /Not an otpauth TOTP URI/],
    ['S9 no issuer parameter', uri('Acme:a', `secret=${SECRET}`), /issuer parameter is missing/],
    ['S9 no issuer prefix', uri('a', `secret=${SECRET}&issuer=Acme`), /issuer:account/],
    ['S9 a prefix that differs from the parameter', uri('Evil:a', `secret=${SECRET}&issuer=Acme`), /differs/],
    ['S9 an empty issuer', uri(':a', `secret=${SECRET}&issuer=`), /issuer is empty/],
    ['S9 an empty account', uri('Acme:', `secret=${SECRET}&issuer=Acme`), /account is empty/],
    ['S10 a second ":" in the label', uri('Acme:a:b', `secret=${SECRET}&issuer=Acme`), /no other ":"/],
    ['S10 an encoded ":" in the account', uri('Acme:a%3Ab', `secret=${SECRET}&issuer=Acme`), /no other ":"/],
    ['S10 a ":" in the issuer parameter', uri('Acme:a', `secret=${SECRET}&issuer=Ac%3Ame`), /must not contain ":"/],
    ['S5 a secret under 128 bits', uri('Acme:a', `secret=JBSWY3DPEHPK3PXP&issuer=Acme`), /128 bits/],
    ['S7 a lower-case secret', uri('Acme:a', `secret=${SECRET.toLowerCase()}&issuer=Acme`), /upper-case/],
    ['S7 a padded secret', uri('Acme:a', `secret=${SECRET}%3D%3D&issuer=Acme`), /upper-case/],
    ['no secret', uri('Acme:a', 'issuer=Acme'), /upper-case/],
    ['algorithm MD5', uri('Acme:a', `secret=${SECRET}&issuer=Acme&algorithm=MD5`), /algorithm/],
    ['5 digits', uri('Acme:a', `secret=${SECRET}&issuer=Acme&digits=5`), /Digits/],
    ['9 digits', uri('Acme:a', `secret=${SECRET}&issuer=Acme&digits=9`), /Digits/],
    ['digits that are not a number', uri('Acme:a', `secret=${SECRET}&issuer=Acme&digits=six`), /Digits/],
    ['S11 a period over 120 s', uri('Acme:a', `secret=${SECRET}&issuer=Acme&period=121`), /period/],
    ['a period of 0', uri('Acme:a', `secret=${SECRET}&issuer=Acme&period=0`), /period/],
    ['a fractional period', uri('Acme:a', `secret=${SECRET}&issuer=Acme&period=30.5`), /period/],
    ['broken percent-encoding', uri('Acme:%E0%A4%A', `secret=${SECRET}&issuer=Acme`), /Not an otpauth TOTP URI/],
  ];
  for (const [name, value, message] of refused) {
    it(`refuses ${name}`, () => {
      throwsBadRequest(() => parseOtpauthUri(value), message);
    });
  }

  it('S11 accepts a period of exactly 120 s', () => {
    expect(parseOtpauthUri(uri('Acme:a', `secret=${SECRET}&issuer=Acme&period=120`)).period).to.equal(120);
  });
});

describe('otpauthUriMatches', () => {
  const params = {
    issuer: 'A & B Corp',
    account: 'alice+test@example.com',
    secret: SECRET,
    algorithm: 'SHA1' as const,
    digits: 6,
    period: 30,
  };
  const uri = `otpauth://totp/A%20%26%20B%20Corp:alice%2Btest%40example.com?secret=${SECRET}&issuer=A%20%26%20B%20Corp`;

  it('accepts a URI that carries exactly the parameters (defaults included)', () => {
    expect(otpauthUriMatches(uri, params)).to.equal(true);
    expect(otpauthUriMatches(`${uri}&algorithm=SHA1&digits=6&period=30`, params)).to.equal(true);
    expect(otpauthUriMatches(uri.replace('%2B', '+'), params), 'a literal + is a plus').to.equal(true);
    const formEncoded = uri.replace('issuer=A%20%26%20B%20Corp', 'issuer=A+%26+B+Corp');
    expect(otpauthUriMatches(formEncoded, params), 'S10 a + for a space in the issuer parameter').to.equal(true);
    expect(
      otpauthUriMatches(`${uri}&algorithm=SHA256&digits=8&period=60`, {
        ...params,
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
      }),
    ).to.equal(true);
  });

  const mismatches: Array<[string, string, Partial<typeof params>]> = [
    ['another secret', uri.replace(SECRET, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), {}],
    ['another issuer parameter', uri.replace('issuer=A%20%26%20B%20Corp', 'issuer=Evil'), {}],
    ['a label without the issuer', uri.replace('A%20%26%20B%20Corp:', ''), {}],
    ['another account', uri, { account: 'mallory@example.com' }],
    ['other digits', `${uri}&digits=8`, {}],
    ['another period', `${uri}&period=60`, {}],
    ['another algorithm', `${uri}&algorithm=SHA512`, {}],
    [
      'S10 a ":" inside the account',
      'otpauth://totp/A:b:c?secret=' + SECRET + '&issuer=A',
      { issuer: 'A', account: 'b:c' },
    ],
    ['S9 an empty issuer', `otpauth://totp/:a?secret=${SECRET}&issuer=`, { issuer: '', account: 'a' }],
    ['an HOTP URI', uri.replace('totp', 'hotp'), {}],
    ['broken percent-encoding', uri.replace('%40', '%4'), {}],
    ['a "+" read as a space', uri.replace('%2B', '+'), { account: 'alice test@example.com' }],
    [
      'a "+" in the issuer parameter where the label has a plus sign',
      uri
        .replace('A%20%26%20B%20Corp', 'A%20%26%20B%2BCorp')
        .replace('issuer=A%20%26%20B%20Corp', 'issuer=A+%26+B+Corp'),
      { issuer: 'A & B+Corp' },
    ],
  ];
  for (const [name, value, change] of mismatches) {
    it(`refuses ${name}`, () => {
      expect(otpauthUriMatches(value, { ...params, ...change })).to.equal(false);
    });
  }
});
