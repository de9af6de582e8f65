/**
 * S86 on the SQLite store: the records a connection decoded are reused only while the row's JSON
 * is the text they came from. Two stores on one file are two connections, as two app processes
 * are: whatever one writes, the other reads at once, and nobody can change a kept record.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sqliteStore } from './stores/sqlite.js';
import { emptyUser, type UserRecord } from './stores/types.js';

const dir = mkdtempSync(join(tmpdir(), 'totp-gate-decoded-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function twoConnections(name: string) {
  const path = join(dir, `${name}.sqlite`);
  return { a: sqliteStore(path), b: sqliteStore(path) };
}

const enrolled = (userId: string, lastStep: number | null): UserRecord => ({
  ...emptyUser(userId),
  recoveryHashes: ['hmac-sha256:v1:a:b'],
  generation: 1,
  factors: [
    {
      id: 'f1',
      name: 'Phone',
      secret: 'plain:JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      createdAt: 1,
      lastUsedAt: null,
      lastStep,
    },
  ],
});

describe('S86: decoded records are never stale and never shared for writing (SQLite)', () => {
  it('S86: reuses a record while its row is unchanged, and reads another connection’s write at once', async () => {
    const { a, b } = twoConnections('change');
    await a.updateUser('u1', () => ({ next: enrolled('u1', 100), result: null }));
    const first = (await a.getUser('u1'))!;
    const again = (await a.getUser('u1'))!;
    // The same decoded parts: the row was not parsed again.
    assert.equal(again.factors, first.factors);
    // Another connection uses the code of step 101 (as a right code does).
    await b.updateUser('u1', (user) => ({
      next: { ...user!, factors: [{ ...user!.factors![0]!, lastStep: 101 }] },
      result: null,
    }));
    assert.equal((await a.getUser('u1'))!.factors![0]!.lastStep, 101);
    // Inside a check-and-set too: a replay of step 101 through `a` would see it.
    const seen = await a.updateUser('u1', (user) => ({ result: user!.factors![0]!.lastStep }));
    assert.equal(seen, 101);
  });

  it('S86: a wrong code counted, a reset and a deletion through another connection are read at once', async () => {
    const { a, b } = twoConnections('counter');
    await a.updateUser('u2', () => ({ next: enrolled('u2', null), result: null }));
    assert.equal((await a.getUser('u2'))!.failures, 0);
    await b.updateUser('u2', (user) => ({ next: { ...user!, failures: 3, lastFailureAt: 7 }, result: null }));
    const counted = (await a.getUser('u2'))!;
    assert.deepEqual([counted.failures, counted.lastFailureAt], [3, 7]);
    await b.updateUser('u2', () => ({ next: null, result: null }));
    assert.equal(await a.getUser('u2'), null);
    await b.updateUser('u2', () => ({ next: { ...emptyUser('u2'), generation: 2 }, result: null }));
    const fresh = (await a.getUser('u2'))!;
    assert.deepEqual([fresh.generation, fresh.factors, fresh.failures], [2, undefined, 0]);
  });

  it('S86: a record handed out cannot change what the next read gets', async () => {
    const { a } = twoConnections('frozen');
    await a.updateUser('u3', () => ({ next: enrolled('u3', 5), result: null }));
    const user = (await a.getUser('u3'))!;
    assert.throws(() => {
      (user.factors![0] as { lastStep: number | null }).lastStep = null;
    }, TypeError);
    assert.throws(() => (user.recoveryHashes as string[]).push('x'), TypeError);
    // The top level is the caller's own copy (the counter goes onto it).
    user.failures = 99;
    const next = (await a.getUser('u3'))!;
    assert.deepEqual([next.failures, next.factors![0]!.lastStep, next.recoveryHashes.length], [0, 5, 1]);
  });
});
