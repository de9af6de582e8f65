/**
 * `sweep(now)` of the built-in stores (S45): expired session records go, live ones and records
 * written before `expiresAt` existed stay. The full store contract suite covers the rest.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SessionRecord } from './index.js';
import { STORE_KINDS, T0 } from './test/harness.js';

function session(sessionId: string, expiresAt: number | undefined): SessionRecord {
  const record: SessionRecord = {
    sessionId,
    userId: 'alice',
    verifiedAt: null,
    generation: 0,
    deferred: false,
    exemptionNotedAt: null,
  };
  if (expiresAt !== undefined) record.expiresAt = expiresAt;
  return record;
}

for (const kind of STORE_KINDS) {
  describe(`${kind.name} sweep`, () => {
    test('S45 sweep deletes the session records that expired at or before now, and only those', async () => {
      const { store, cleanup } = kind.make();
      try {
        await store.putSession(session('expired', T0 - 1));
        await store.putSession(session('expires-now', T0));
        await store.putSession(session('live', T0 + 1));
        await store.putSession(session('legacy', undefined));
        assert.equal(await store.sweep(T0), 2);
        assert.equal(await store.getSession('expired'), null);
        assert.equal(await store.getSession('expires-now'), null);
        assert.equal((await store.getSession('live'))?.expiresAt, T0 + 1);
        assert.notEqual(await store.getSession('legacy'), null);
        assert.equal(await store.sweep(T0), 0);
      } finally {
        cleanup();
      }
    });
  });
}
