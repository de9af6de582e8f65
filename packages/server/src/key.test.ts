/** The encryption key from the environment: a clear error, naming what to do, for every mistake. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { EncryptionKeyError, encryptionKeyFromEnv, GENERATE_KEY_COMMAND, previousKeysFromEnv } from './index.js';

describe('encryptionKeyFromEnv', () => {
  it('reads 32 bytes of base64 from TOTP_KEY', () => {
    const key = randomBytes(32);
    assert.deepEqual(encryptionKeyFromEnv('TOTP_KEY', { TOTP_KEY: `${key.toString('base64')}\n` }), key);
  });

  it('a missing TOTP_KEY throws an error that says how to make and store one', () => {
    for (const env of [{}, { TOTP_KEY: '' }, { TOTP_KEY: '  ' }]) {
      assert.throws(
        () => encryptionKeyFromEnv('TOTP_KEY', env),
        (error: unknown) =>
          error instanceof EncryptionKeyError &&
          error.message.startsWith('TOTP_KEY is not set.') &&
          error.message.includes(GENERATE_KEY_COMMAND) &&
          error.message.includes('TOTP_KEY=<that value>'),
      );
    }
  });

  it('a key of the wrong size or not base64 says what it is and what it must be', () => {
    for (const value of [randomBytes(16).toString('base64'), randomBytes(32).toString('hex'), 'not a key']) {
      assert.throws(
        () => encryptionKeyFromEnv('TOTP_KEY', { TOTP_KEY: value }),
        /TOTP_KEY must be 32 random bytes in base64/,
      );
    }
  });

  it('the suggested command prints a key that encryptionKeyFromEnv accepts', () => {
    const command = /^node -p "(.*)"$/.exec(GENERATE_KEY_COMMAND)![1]!;
    const printed = execFileSync(process.execPath, ['-p', command], { encoding: 'utf8' });
    assert.equal(encryptionKeyFromEnv('TOTP_KEY', { TOTP_KEY: printed }).length, 32);
  });

  it('previousKeysFromEnv reads a comma-separated list and names the bad entry', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    assert.deepEqual(previousKeysFromEnv('OLD', { OLD: `${a.toString('base64')},${b.toString('base64')}` }), [a, b]);
    assert.deepEqual(previousKeysFromEnv('OLD', {}), []);
    assert.throws(() => previousKeysFromEnv('OLD', { OLD: `${a.toString('base64')},xyz` }), /OLD \(key 2\) must be 32/);
  });
});
