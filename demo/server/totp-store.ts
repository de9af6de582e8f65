/**
 * Where the demo keeps its TOTP state: the SQLite file by default (embedded, nothing to run), or
 * a shared PostgreSQL or Redis when `DEMO_STORE` names one, as several app servers would.
 * The demo's own sign-in sessions and audit list stay in its SQLite file either way.
 */
import type { TotpStore } from '@totp-gate/server';
import { postgresStore } from '@totp-gate/server/postgres';
import { redisStore } from '@totp-gate/server/redis';
import { sqliteStore } from '@totp-gate/server/sqlite';

/** The store `DEMO_STORE` asks for (`postgres://…`, `redis://…`), else SQLite at `dbPath`. */
export function demoTotpStore(dbPath: string, url: string | undefined): { store: TotpStore; where: string } {
  if (!url) return { store: sqliteStore(dbPath), where: `SQLite ${dbPath}` };
  const scheme = /^([a-z]+):\/\//i.exec(url)?.[1]?.toLowerCase();
  const shown = url.replace(/\/\/[^@/]*@/, '//…@'); // never print a password
  if (scheme === 'postgres' || scheme === 'postgresql')
    return { store: postgresStore(url), where: `PostgreSQL ${shown}` };
  if (scheme === 'redis' || scheme === 'rediss') return { store: redisStore(url), where: `Redis ${shown}` };
  throw new Error(
    `DEMO_STORE must be a postgres://, postgresql://, redis:// or rediss:// URL, not ${JSON.stringify(shown)}`,
  );
}
