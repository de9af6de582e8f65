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
import { createTotpService, sqliteStore } from './index.js';
import { codeAt, makeHarness } from './test/harness.js';

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
    assert.equal(openSecret(a, 'alice', key), secret);
    assert.equal(openSecret(b, 'alice', key), secret);
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
});
