/**
 * Secrets at rest: AES-256-GCM with the user id as additional data when an `encryptionKey` is
 * given (recommended), checked in the SQLite file's bytes.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSecret } from '@totp-gate/core/otp';
import { checkEncryptionKey, openSecret, sealSecret } from './crypto.js';
import { createTotpService } from './index.js';
import { sqliteStore } from './stores/sqlite.js';
import { codeAt, makeHarness, STEP } from './test/harness.js';

function fileText(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n');
}

async function enrollInFile(encryptionKey?: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), 'totp-crypto-'));
  const store = sqliteStore(join(dir, 'totp.sqlite'));
  const h = makeHarness(store, encryptionKey ? { encryptionKey } : {});
  const alice = h.as('alice');
  const { body } = await alice.enroll();
  const confirm = await alice.confirm(codeAt(body.secret, h.clock.now));
  assert.equal(confirm.status, 200);
  const stored = (await store.getUser('alice'))!.factor!.secret;
  store.close?.();
  const text = fileText(dir);
  rmSync(dir, { recursive: true, force: true });
  return { secret: body.secret as string, stored, text };
}

describe('secrets at rest', () => {
  it('with an encryptionKey the secret is sealed with AES-256-GCM and absent from the database file', async () => {
    const { secret, stored, text } = await enrollInFile(randomBytes(32));
    assert.match(stored, /^aes-256-gcm:v1:[A-Za-z0-9_-]+$/);
    assert.ok(!text.includes(secret), 'the base32 secret is not in the file');
    assert.ok(text.includes('aes-256-gcm:v1:'), 'the sealed form is');
  });

  it('without a key the secret is stored as plain text (allowed, not recommended)', async () => {
    const { secret, stored, text } = await enrollInFile();
    assert.equal(stored, `plain:${secret}`);
    assert.ok(text.includes(secret), 'the check above can see a secret in the file');
  });

  it("a sealed secret moved to another user's record does not open", () => {
    const key = randomBytes(32);
    const sealed = sealSecret(createSecret(), 'alice', key);
    assert.throws(() => openSecret(sealed, 'mallory', key));
    assert.throws(() => openSecret(sealed, 'alice', randomBytes(32)));
    assert.throws(() => openSecret(sealed, 'alice', undefined), /no encryptionKey/);
  });

  it('sealing twice gives different ciphertexts (random IV) that open to the same secret', () => {
    const key = randomBytes(32);
    const secret = createSecret();
    const a = sealSecret(secret, 'alice', key);
    const b = sealSecret(secret, 'alice', key);
    assert.notEqual(a, b);
    assert.equal(openSecret(a, 'alice', key).secret, secret);
    assert.equal(openSecret(b, 'alice', key).secret, secret);
  });

  it('an encryptionKey must be exactly 32 bytes', () => {
    assert.throws(() => checkEncryptionKey(randomBytes(16)), TypeError);
    assert.throws(
      () =>
        createTotpService({
          store: sqliteStore(':memory:'),
          issuer: 'Acme',
          identify: () => null,
          encryptionKey: new Uint8Array(31),
        }),
      TypeError,
    );
  });

  it('the error for a key of the wrong length says how to generate one', () => {
    assert.throws(() => checkEncryptionKey(Buffer.from('', 'base64')), /it is 0 bytes[\s\S]*randomBytes\(32\)/);
  });
});

describe('key rotation (previousEncryptionKeys)', () => {
  async function enrolled(encryptionKey?: Uint8Array) {
    const store = sqliteStore(':memory:');
    const h = makeHarness(store, encryptionKey ? { encryptionKey } : {});
    const { body } = await h.as('alice').enroll();
    assert.equal((await h.as('alice').confirm(codeAt(body.secret, h.clock.now))).status, 200);
    return { store, secret: body.secret as string, clock: h.clock };
  }
  async function signInWith(
    store: ReturnType<typeof sqliteStore>,
    secret: string,
    now: number,
    keys: { encryptionKey?: Uint8Array; previousEncryptionKeys?: Uint8Array[] },
  ) {
    const h = makeHarness(store, keys);
    h.clock.now = now;
    return h.as('alice', 'alice-session-2').verify(codeAt(secret, now));
  }

  it('a secret sealed under a previous key still signs in, and is sealed again under the new key', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const { store, secret, clock } = await enrolled(oldKey);
    const before = (await store.getUser('alice'))!.factor!.secret;
    const later = clock.now + 2 * STEP;
    const reply = await signInWith(store, secret, later, { encryptionKey: newKey, previousEncryptionKeys: [oldKey] });
    assert.equal(reply.status, 200);
    const after = (await store.getUser('alice'))!.factor!.secret;
    assert.notEqual(after, before);
    assert.equal(openSecret(after, 'alice', newKey).current, true);
    assert.throws(() => openSecret(after, 'alice', oldKey), 'the old key no longer opens it');
    // Once every secret is sealed again, the old key can go.
    const last = later + 2 * STEP;
    assert.equal((await signInWith(store, secret, last, { encryptionKey: newKey })).status, 200);
  });

  it('recovery codes made under the previous key still work during the rotation, and only then', async () => {
    const oldKey = randomBytes(32);
    const store = sqliteStore(':memory:');
    const h = makeHarness(store, { encryptionKey: oldKey });
    const { body } = await h.as('alice').enroll();
    const confirm = await h.as('alice').confirm(codeAt(body.secret, h.clock.now));
    const [first, second] = confirm.body.recoveryCodes as string[];
    const newKey = randomBytes(32);
    const rotated = makeHarness(store, { encryptionKey: newKey, previousEncryptionKeys: [oldKey] });
    assert.equal((await rotated.as('alice', 'alice-session-2').recovery(first)).status, 200);
    const dropped = makeHarness(store, { encryptionKey: newKey });
    assert.equal((await dropped.as('alice', 'alice-session-3').recovery(second)).body.error.code, 'invalid-code');
  });

  it('a plain secret is sealed at the next sign-in once a key is set', async () => {
    const { store, secret, clock } = await enrolled();
    const key = randomBytes(32);
    assert.equal((await signInWith(store, secret, clock.now + 2 * STEP, { encryptionKey: key })).status, 200);
    assert.match((await store.getUser('alice'))!.factor!.secret, /^aes-256-gcm:v1:/);
  });

  it('a new key without the old one in previousEncryptionKeys fails with an error that says so', () => {
    const sealed = sealSecret(createSecret(), 'alice', randomBytes(32));
    assert.throws(() => openSecret(sealed, 'alice', randomBytes(32), [randomBytes(32)]), /previousEncryptionKeys/);
  });

  it('previousEncryptionKeys need an encryptionKey, and each must be 32 bytes', () => {
    const base = { store: sqliteStore(':memory:'), issuer: 'Acme', identify: () => null };
    assert.throws(
      () => createTotpService({ ...base, previousEncryptionKeys: [randomBytes(32)] }),
      /need an encryptionKey/,
    );
    assert.throws(
      () => createTotpService({ ...base, encryptionKey: randomBytes(32), previousEncryptionKeys: [randomBytes(8)] }),
      /previousEncryptionKeys\[0\] must be 32 bytes/,
    );
  });
});
