/**
 * S86 on the SQLite store: the records a connection decoded are reused only while the row's JSON
 * is the text they came from. Two stores on one file are two connections, as two app processes
 * are (the assertions are shared with the Redis store's tests).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sqliteStore } from './stores/sqlite.js';
import assert from 'node:assert/strict';
import {
  assertKeepsNoneWhenZero,
  assertReadsOtherCountsAndDeletes,
  assertReadsOtherWrites,
  assertRecordsAreFrozen,
  type TwoStores,
} from './test/decoded-records.js';

const dir = mkdtempSync(join(tmpdir(), 'totp-gate-decoded-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function twoConnections(name: string): TwoStores {
  const path = join(dir, `${name}.sqlite`);
  return { a: sqliteStore(path), b: sqliteStore(path) };
}

describe('S86: decoded records are never stale and never shared for writing (SQLite)', () => {
  it('S86: reuses a record while its row is unchanged, and reads another connection’s write at once', () =>
    assertReadsOtherWrites(twoConnections('change')));
  it('S86: a wrong code counted, a reset and a deletion through another connection are read at once', () =>
    assertReadsOtherCountsAndDeletes(twoConnections('counter')));
  it('S86: a record handed out cannot change what the next read gets', () =>
    assertRecordsAreFrozen(twoConnections('frozen')));
  it('decodedRecords: 0 keeps none; a count that is no whole number ≥ 0 is refused before the file is opened', () => {
    const path = join(dir, 'none.sqlite');
    for (const bad of [-1, 1.5, Number.NaN, '10' as unknown as number]) {
      assert.throws(() => sqliteStore(path, { decodedRecords: bad }), /decodedRecords must be a whole number/);
    }
    return assertKeepsNoneWhenZero({ a: sqliteStore(path, { decodedRecords: 0 }), b: sqliteStore(path) });
  });
});
