/**
 * Admin: listing 100,000 users in pages of 100 through `service.admin.list` (memory, SQLite,
 * and PostgreSQL and Redis on throw-away servers started here, as the throughput section does;
 * a server that cannot start leaves its row saying why), and the dry run of a candidate policy over the same users. Each is set next to a
 * floor measured in the same run over the same store: for a page, reading its 100 ids and
 * records straight from the store (`listUserIdsAfter` + `getUsers`); for the dry run, core's
 * `evaluatePolicy` over subjects already in memory. The ratio is the admin layer's own cost.
 * Each store is measured twice in a row over the same users: first without its `getUsers` (one
 * `getUser` per id, what a store without the batch read gets), then as it is.
 *
 * Users are written through the store interface (`updateUser`): a third enrolled, a few locked
 * and exempt, the rest waiting to enroll, with a sealed secret and ten recovery-code hashes, as
 * the service writes them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TotpStore } from '@totp-gate/server';
import { startPostgres, startRedis, type Started } from '../../../server/src/test/servers.js';
import { logger, median, runSection, savePartial, timeInProcess } from '../section.js';

const log = logger('admin');
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const PAGE = 100;

/** Figures for one store. */
export interface AdminStoreFigures {
  store: string;
  /** Why the store's row has no figures (its server could not start). */
  notRun?: string;
  fillMs: number;
  pages: number;
  /** Median and 95th percentile time per page of 100, ms. */
  pageMedianMs: number;
  pageP95Ms: number;
  /** The floor: the same 100 ids and records read straight from the store, median ms. */
  floorPageMedianMs: number;
  /** All pages, end to end. */
  listAllMs: number;
  /** Heap growth while listing every page (after a collection), bytes. */
  heapDeltaBytes: number;
  dryRunMs: number;
  dryRunBlocked: number;
  /** The same figures through the store without its `getUsers`: one `getUser` per id. */
  perId?: Omit<AdminStoreFigures, 'store' | 'notRun' | 'fillMs' | 'perId'>;
}

export interface AdminResult {
  users: number;
  pageSize: number;
  /** evaluatePolicy over the same users' subjects in memory (the dry run's floor), median of 10 passes, ms. */
  evaluateFloorMs: number;
  stores: AdminStoreFigures[];
  partial?: boolean;
}

function heap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return process.memoryUsage().heapUsed;
}

await runSection(async (): Promise<AdminResult> => {
  const server = await import('@totp-gate/server');
  const { sqliteStore } = await import('@totp-gate/server/sqlite');
  const { evaluatePolicy, parsePolicy } = await import('@totp-gate/core');
  const now = Date.UTC(2026, 0, 1, 12);
  const key = randomBytes(32);
  const ids = Array.from({ length: USERS }, (_, i) => `user-${String(i).padStart(6, '0')}`);
  const hashes = Array.from(
    { length: 10 },
    () => `s2:${randomBytes(16).toString('base64url')}:${randomBytes(32).toString('base64url')}`,
  );

  function record(userId: string, i: number) {
    const user = server.emptyUser(userId);
    if (i % 3 === 0) {
      const factor = {
        secret: server.sealSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', userId, key),
        algorithm: 'SHA1' as const,
        digits: 6,
        period: 30,
        createdAt: now - 86_400_000,
      };
      user.factor = factor;
      user.factors = [{ ...factor, id: `f${i}`, name: 'Authenticator', lastUsedAt: now - 3_600_000, lastStep: null }];
      user.recoveryHashes = hashes;
    }
    if (i % 50 === 1) Object.assign(user, { failures: 100, lastFailureAt: now - 1000 });
    if (i % 40 === 2)
      user.exemption = { reason: 'phone in repair', expiresAt: now + 86_400_000, grantedBy: 'carol', grantedAt: now };
    return user;
  }

  const result: AdminResult = { users: USERS, pageSize: PAGE, evaluateFloorMs: 0, stores: [] };
  const policy = parsePolicy({ requiredRoles: ['staff'], gracePeriodSeconds: 7 * 86_400 });
  const subjects = ids.map((userId, i) => ({ userId, roles: ['staff'], enrolled: i % 3 === 0, failures: 0 }));
  const floor = await timeInProcess('evaluatePolicy over every subject', () => {
    for (const subject of subjects) evaluatePolicy(policy, subject, new Date(now));
  });
  result.evaluateFloorMs = floor.medianMs;
  log(
    `evaluatePolicy over ${USERS} subjects, passes sorted: ${floor.passesMs.map((ms) => ms.toFixed(1)).join(', ')} ms`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'totp-bench-admin-'));
  /** A store on a throw-away server, or the reason it cannot start. */
  const onServer = async (start: () => Promise<Started>, open: (url: string) => TotpStore) => {
    const started = await start();
    if (!started.server) return { notRun: started.skip };
    return { store: open(started.server.url), stop: started.server.stop };
  };
  try {
    const kinds: Array<{
      name: string;
      make: () => Promise<{ store: TotpStore; stop?: () => Promise<void> } | { notRun: string }>;
    }> = [
      { name: 'memory', make: async () => ({ store: server.memoryStore() }) },
      { name: 'SQLite', make: async () => ({ store: sqliteStore(join(dir, 'admin.sqlite')) }) },
      {
        name: 'PostgreSQL',
        make: async () => {
          const { postgresStore } = await import('@totp-gate/server/postgres');
          return onServer(startPostgres, (url) => postgresStore(url));
        },
      },
      {
        name: 'Redis',
        make: async () => {
          const { redisStore } = await import('@totp-gate/server/redis');
          return onServer(startRedis, (url) => redisStore(url));
        },
      },
    ];
    for (const kind of kinds) {
      let made: Awaited<ReturnType<(typeof kinds)[number]['make']>>;
      try {
        made = await kind.make();
      } catch (error) {
        made = { notRun: error instanceof Error ? error.message : String(error) };
      }
      if ('notRun' in made) {
        log(`${kind.name}: not run: ${made.notRun}`);
        result.stores.push({ store: kind.name, notRun: made.notRun } as AdminStoreFigures);
        continue;
      }
      const { store } = made;
      const fillStart = performance.now();
      // Written 200 at a time: the shared stores answer over a socket, one round trip each.
      for (let from = 0; from < ids.length; from += 200) {
        const batch = ids.slice(from, from + 200);
        await Promise.all(
          batch.map((id, j) => store.updateUser(id, () => ({ next: record(id, from + j), result: null }))),
        );
      }
      const fillMs = performance.now() - fillStart;
      log(`${kind.name}: ${USERS} users written in ${(fillMs / 1000).toFixed(1)} s`);
      const facts = (batch: readonly string[]) =>
        new Map(batch.map((id) => [id, { roles: ['staff'], requiredSince: new Date(now - 3 * 86_400_000) }]));

      /** Every page through `view`, then the dry run, with the floor read from `view` too. */
      const measure = async (view: TotpStore) => {
        const service = server.createTotpService({
          store: view,
          issuer: 'Bench',
          identify: () => null,
          encryptionKey: key,
          now: () => now,
        });
        const before = heap();
        const times: number[] = [];
        const floors: number[] = [];
        let cursor: string | null = null;
        let after: string | null = null;
        let pages = 0;
        const listStart = performance.now();
        do {
          const t0 = performance.now();
          const page: { users: unknown[]; nextCursor: string | null } = await service.admin.list(
            { limit: PAGE, cursor },
            facts,
          );
          times.push(performance.now() - t0);
          cursor = page.nextCursor;
          pages++;
          if (pages % 10 === 0) {
            // The floor, on every tenth page: the same slice read straight from the store.
            const f0 = performance.now();
            const slice = await view.listUserIdsAfter!(after, PAGE);
            await (view.getUsers ? view.getUsers(slice) : Promise.all(slice.map((id) => view.getUser(id))));
            floors.push(performance.now() - f0);
          }
          after = ids[Math.min(pages * PAGE, ids.length) - 1]!;
        } while (cursor !== null);
        const listAllMs = performance.now() - listStart;
        const heapDeltaBytes = Math.max(0, heap() - before);
        const sorted = [...times].sort((a, b) => a - b);
        const dryStart = performance.now();
        const dry = await service.admin.dryRun({ policy: { requiredRoles: ['staff'] }, listLimit: 10 }, facts);
        const dryRunMs = performance.now() - dryStart;
        return {
          pages,
          pageMedianMs: median(times),
          pageP95Ms: sorted[Math.floor(sorted.length * 0.95)]!,
          floorPageMedianMs: median(floors),
          listAllMs,
          heapDeltaBytes,
          dryRunMs,
          dryRunBlocked: dry.counts['must-enroll'],
        };
      };

      // First as a store without the batch read (one getUser per id, as before getUsers), then
      // the store itself: the same users, the same process, one after the other.
      const { getUsers: _batch, ...perId } = store;
      const oneByOne = await measure(perId);
      log(
        `${kind.name}, one getUser per id: page ${oneByOne.pageMedianMs.toFixed(2)} ms, dry run ${(oneByOne.dryRunMs / 1000).toFixed(2)} s`,
      );
      const figures: AdminStoreFigures = { store: kind.name, fillMs, ...(await measure(store)), perId: oneByOne };
      log(
        `${kind.name}: page ${figures.pageMedianMs.toFixed(2)} ms (floor ${figures.floorPageMedianMs.toFixed(2)} ms), dry run ${(figures.dryRunMs / 1000).toFixed(2)} s`,
      );
      result.stores.push(figures);
      savePartial(result);
      await store.close?.();
      await made.stop?.();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
});
