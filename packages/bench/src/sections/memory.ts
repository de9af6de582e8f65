/**
 * Memory: the heap the server holds for 100,000 enrolled users in the memory store, and the size
 * of the SQLite file for the same users. Users are enrolled through the service's own actions
 * (start, confirm with a real code), so records are exactly what production writes: the secret
 * sealed with AES-256-GCM, ten recovery-code hashes, the replay step, and one verified session
 * each. Runs with --expose-gc so the heap is measured after a full collection.
 *
 * The SQLite file receives the very same records, copied through the store interface
 * (`updateUser`, `putSession`) rather than enrolled a second time: the file is the same and the
 * section takes half the time.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger, runSection, savePartial } from '../section.js';
import type { MemoryResult } from '../types.js';

const log = logger('memory');
const USERS = Number(process.env.BENCH_USERS ?? 100_000);

function collect(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

await runSection(async (): Promise<MemoryResult> => {
  const server = await import('@totp-gate/server');
  const { decodeBase32 } = await import('@totp-gate/core');
  const { totp } = await import('@totp-gate/core/otp');
  const now = Date.UTC(2026, 0, 1, 12);

  async function enrollAll(store: ReturnType<typeof server.memoryStore>, label: string): Promise<number> {
    type Identity = Parameters<ReturnType<typeof server.createTotpService>['actions']['verify']>[0];
    const service = server.createTotpService({
      store,
      issuer: 'Bench',
      identify: () => null,
      now: () => now,
      encryptionKey: randomBytes(32),
    });
    const started = performance.now();
    for (let i = 0; i < USERS; i++) {
      const user = { userId: `user-${i}`, sessionId: `session-${i}`, account: `user${i}@example.com` } as Identity;
      const pending = (await service.actions.startEnrollment(user)).body as { secret: string };
      const confirmed = await service.actions.confirmEnrollment(user, {
        code: totp(decodeBase32(pending.secret), now),
      });
      if (confirmed.status !== 200) throw new Error(`enrollment failed: ${JSON.stringify(confirmed.body)}`);
      if ((i + 1) % 25_000 === 0) log(`${label}: ${i + 1} users enrolled`);
    }
    return performance.now() - started;
  }

  const before = collect();
  const memory = server.memoryStore();
  const memoryMs = await enrollAll(memory, 'memory');
  const after = collect();
  const heapBytes = after - before;
  const heap = { users: USERS, heapBytes, heapBefore: before, heapAfter: after, memoryMs };
  savePartial(heap);

  const dir = mkdtempSync(join(tmpdir(), 'totp-gate-bench-mem-'));
  try {
    const path = join(dir, 'users.sqlite');
    const sqlite = server.sqliteStore(path);
    const started = performance.now();
    for (let i = 0; i < USERS; i++) {
      const user = await memory.getUser(`user-${i}`);
      const session = await memory.getSession(`session-${i}`);
      if (!user) throw new Error(`user-${i} is missing from the memory store`);
      await sqlite.updateUser(user.userId, () => ({ next: user, result: undefined }));
      if (session) await sqlite.putSession(session);
      if ((i + 1) % 25_000 === 0) log(`sqlite: ${i + 1} users written`);
    }
    const sqliteMs = performance.now() - started;
    sqlite.close?.();
    const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
    // Closing checkpoints the WAL into the main file; any leftover -wal/-shm is counted too.
    const fileBytes = size(path) + size(`${path}-wal`) + size(`${path}-shm`);
    return { ...heap, fileBytes, sqliteMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
