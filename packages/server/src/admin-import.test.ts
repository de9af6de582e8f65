/**
 * Importing existing secrets (S69): `admin.importFactor` and the `totp-gate import` command over
 * a real SQLite file. Secrets are checked (128 bits, the policy's parameters), sealed with the
 * server's key, never echoed; the imported user signs in with the same authenticator app.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { encodeBase32 } from '@totp-gate/core';
import { runImport, type CommandIo } from './cli/import-command.js';
import { memoryStore } from './index.js';
import { sqliteStore } from './stores/sqlite.js';
import { adminHarness } from './test/admin-suite.js';
import { codeAt, enrolled, STEP } from './test/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'totp-import-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const key = randomBytes(32);
const env = { TOTP_KEY: key.toString('base64') };

function io(extraEnv: Record<string, string | undefined> = env): CommandIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line), env: extraEnv };
}

const secret = () => encodeBase32(randomBytes(20));

describe('admin.importFactor', () => {
  it('S69 imports a base32, hex or otpauth secret sealed with the key; the user signs in with it; nothing secret in the answer or the audit', async () => {
    const a = adminHarness(memoryStore(), { encryptionKey: key });
    const b32 = secret();
    const hexBytes = randomBytes(20);
    const uriSecret = secret();
    const act = { reason: 'move from Odoo', adminId: 'carol' };
    const one = await a.service.admin.importFactor(
      'alice',
      { secret: b32.toLowerCase().replace(/(.{4})/g, '$1 ') },
      act,
    );
    await a.service.admin.importFactor('dave', { secretHex: hexBytes.toString('hex') }, act);
    await a.service.admin.importFactor(
      'erin',
      { otpauthUri: `otpauth://totp/Old:erin?secret=${uriSecret}&issuer=Old` },
      act,
    );
    assert.deepEqual(Object.keys(one).sort(), [
      'algorithm',
      'digits',
      'dryRun',
      'factorId',
      'period',
      'replaced',
      'userId',
    ]);
    const stored = JSON.stringify(await a.store.getUser('alice'));
    assert.match(stored, /aes-256-gcm:v1:/);
    assert.ok(!stored.includes(b32));
    for (const [user, s] of [
      ['alice', b32],
      ['dave', encodeBase32(hexBytes)],
      ['erin', uriSecret],
    ] as const) {
      const client = a.as(user);
      assert.equal((await client.status()).body.state, 'challenge-required');
      assert.equal(
        (await client.verify(codeAt(s, a.clock.now))).status,
        200,
        `${user} signs in with the imported secret`,
      );
    }
    const event = a.events.find((e) => e.type === 'admin-factor-imported')!;
    assert.equal(event.adminId, 'carol');
    assert.equal(event.adminReason, 'move from Odoo');
    const all = JSON.stringify([one, ...a.events]);
    for (const s of [b32, uriSecret, hexBytes.toString('hex')]) assert.ok(!all.includes(s));
  });

  it('S69 refuses short secrets, other parameters than the policy, two sources, an enrolled user (without replace) and a missing reason, without echoing the secret', async () => {
    const a = adminHarness(memoryStore(), { encryptionKey: key });
    await enrolled(a, 'bob');
    const act = { reason: 'import', adminId: 'carol' };
    const short = encodeBase32(randomBytes(15));
    const good = secret();
    const cases: [string, object, object, RegExp][] = [
      ['alice', { secret: short }, act, /120 bits; at least 128/],
      ['alice', { secret: 'not base32!' }, act, /not base32/],
      ['alice', { secretHex: 'xyz' }, act, /not hexadecimal/],
      ['alice', { secret: good, digits: 8 }, act, /digits 8 is not the policy's \(6\)/],
      ['alice', { secret: good, algorithm: 'SHA256' }, act, /algorithm SHA256 is not the policy's/],
      ['alice', { secret: good, period: 60 }, act, /period 60 is not the policy's/],
      ['alice', { otpauthUri: 'otpauth://hotp/x?secret=' + good + '&counter=1' }, act, /not an otpauth:\/\/totp/],
      ['alice', { secret: good, otpauthUri: `otpauth://totp/x?secret=${good}` }, act, /exactly one/],
      ['alice', {}, act, /exactly one/],
      ['bob', { secret: good }, act, /already has an authenticator/],
      ['alice', { secret: good }, { adminId: 'carol' }, /reason is required/],
    ];
    for (const [user, input, options, message] of cases) {
      await assert.rejects(a.service.admin.importFactor(user, input as never, options as never), (error: Error) => {
        assert.equal(error.name, 'AdminError');
        assert.match(error.message, message);
        assert.ok(!error.message.includes(good) && !error.message.includes(short), 'the secret is not echoed');
        return true;
      });
    }
    assert.equal(await a.store.getUser('alice'), null, 'nothing was written');
    const replaced = await a.service.admin.importFactor('bob', { secret: good }, { ...act, replace: true });
    assert.equal(replaced.replaced, 1);
    a.clock.now += STEP;
    assert.equal((await a.as('bob', 'bob-2').verify(codeAt(good, a.clock.now))).status, 200);
  });
});

describe('totp-gate import', () => {
  it('S69 imports a CSV and a JSONL file into SQLite, reports refused lines with reasons and no secret, and --dry-run writes nothing', async () => {
    const db = join(dir, 'totp.sqlite');
    const secrets = [secret(), secret(), secret()];
    const short = encodeBase32(randomBytes(10));
    const csv = join(dir, 'users.csv');
    writeFileSync(
      csv,
      [
        'userId,secret,otpauthUri,digits',
        `alice,${secrets[0]},,`,
        `bob,,"otpauth://totp/Old:bob?secret=${secrets[1]}&issuer=Old",`,
        `carol,${short},,`,
        `dave,${secrets[2]},,8`,
        `alice,${secrets[2]},,`,
        'erin,,,',
      ].join('\n'),
    );
    const dry = io();
    assert.equal(await runImport([csv, '--store', `sqlite:${db}`, '--reason', 'move from Odoo', '--dry-run'], dry), 1);
    assert.deepEqual(dry.lines, [
      'line 4 (user "carol"): refused: The secret has 80 bits; at least 128 are required.',
      'line 5 (user "dave"): refused: digits 8 is not the policy\'s (6).',
      'line 6 (user "alice"): refused: the user appears on an earlier line',
      'line 7 (user "erin"): refused: Give exactly one of secret, secretHex and otpauthUri.',
      'would import 2, refused 4 (dry run: nothing was written)',
    ]);
    const check = sqliteStore(db);
    assert.deepEqual(await check.listUserIds(), [], 'the dry run wrote nothing');
    await check.close?.();
    const real = io();
    assert.equal(
      await runImport([csv, '--store', `sqlite:${db}`, '--reason', 'move from Odoo', '--admin', 'ops'], real),
      1,
    );
    assert.equal(real.lines.at(-1), 'imported 2, refused 4');
    const jsonl = join(dir, 'users.jsonl');
    const hex = randomBytes(20).toString('hex');
    writeFileSync(
      jsonl,
      `{"userId":"frank","secretHex":"${hex}"}\n\n{"userId":"gina","secret":\n{"userId":"hank","secret":"${secret()}","colour":"red"}\n`,
    );
    const fromJsonl = io();
    assert.equal(await runImport([jsonl, '--store', `sqlite:${db}`, '--reason', 'move from django-otp'], fromJsonl), 1);
    assert.deepEqual(fromJsonl.lines, [
      'line 3: refused: not valid JSON',
      'line 4 (user "hank"): refused: unknown field "colour"',
      'imported 1, refused 2',
    ]);
    const output = [...dry.lines, ...real.lines, ...fromJsonl.lines, ...dry.errors, ...real.errors].join('\n');
    for (const s of [...secrets, short, hex]) assert.ok(!output.includes(s), 'no secret in the output');
    const store = sqliteStore(db);
    assert.deepEqual(await store.listUserIds(), ['alice', 'bob', 'frank']);
    const raw = readFileSync(db);
    for (const s of secrets.slice(0, 2)) assert.ok(!raw.includes(Buffer.from(s)), 'sealed at rest');
    assert.match(JSON.stringify(await store.getUser('alice')), /aes-256-gcm:v1:/);
    await store.close?.();
  });

  it('S69 refuses to run without the encryption key (unless --allow-plain), a reason, a store or a known file type: exit 2 with the usage', async () => {
    const csv = join(dir, 'one.csv');
    writeFileSync(csv, `userId,secret\nzoe,${secret()}\n`);
    const store = `sqlite:${join(dir, 'other.sqlite')}`;
    const cases: [string[], Record<string, string | undefined>, RegExp][] = [
      [[csv, '--store', store, '--reason', 'x'], {}, /TOTP_KEY is not set/],
      [[csv, '--store', store], env, /--reason is required/],
      [[csv, '--reason', 'x'], env, /--store is required/],
      [[csv, '--store', 'mysql://x', '--reason', 'x'], env, /--store must be/],
      [[join(dir, 'users.txt'), '--store', store, '--reason', 'x'], env, /Cannot read|\.csv or \.jsonl/],
      [[csv, '--store', store, '--reason', 'x', '--bogus'], env, /Unknown option/],
      [[csv, '--store', store, '--reason', 'x'], { TOTP_KEY: 'short' }, /TOTP_KEY/],
    ];
    for (const [args, e, message] of cases) {
      const out = io(e);
      assert.equal(await runImport(args, out), 2, args.join(' '));
      assert.match(out.errors.join('\n'), message);
    }
    const plain = io({});
    assert.equal(await runImport([csv, '--store', store, '--reason', 'x', '--allow-plain'], plain), 0);
    assert.equal(plain.lines.at(-1), 'imported 1, refused 0');
  });
});
