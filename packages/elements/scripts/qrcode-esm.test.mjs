// Tests of the qrcode conversion (`npm run test:node -w @totp-gate/elements`): the ES module the
// build ships as dist/qr/qrcode-core.js draws exactly what qrcode itself draws for the segments
// `<totp-qr>` passes, and leaves nothing CommonJS behind.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { QRCODE_CORE, qrcodeCoreAsEsm } from './qrcode-esm.mjs';

const require = createRequire(import.meta.url);
const original = require(QRCODE_CORE);
const source = await qrcodeCoreAsEsm();
const converted = (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)).default;

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Acme:alice%40example.com?secret=${SECRET}&issuer=Acme&algorithm=SHA1&digits=6&period=30`;
const segments = () => {
  const start = URI.indexOf(SECRET);
  return [
    { mode: 'byte', data: new TextEncoder().encode(URI.slice(0, start)) },
    { mode: 'alphanumeric', data: SECRET },
    { mode: 'byte', data: new TextEncoder().encode(URI.slice(start + SECRET.length)) },
  ];
};

describe('qrcodeCoreAsEsm', () => {
  it('is one ES module with a default export, no require() and no import left', () => {
    assert.match(source, /export default require_qrcode\(\);\s*$/);
    assert.doesNotMatch(source, /\brequire\(\s*["']/);
    assert.doesNotMatch(source, /^\s*import\s/m);
    assert.match(source, /MIT licence, Copyright \(c\) 2012 Ryan Day/);
  });

  it('draws the same modules as qrcode itself for the segments <totp-qr> passes', () => {
    const ours = converted.create(segments(), { errorCorrectionLevel: 'M' });
    const theirs = original.create(segments(), { errorCorrectionLevel: 'M' });
    assert.equal(ours.version, theirs.version);
    assert.equal(ours.modules.size, theirs.modules.size);
    assert.deepEqual([...ours.modules.data], [...theirs.modules.data]);
  });

  it('refuses a plain string with an error that names the reason (the segment search is left out)', () => {
    assert.throws(() => converted.create(URI, { errorCorrectionLevel: 'M' }), /byte and alphanumeric segments only/);
  });
});
