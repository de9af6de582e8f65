/**
 * One app process of the cross-process test (S48). Reads one JSON command a line on stdin and
 * answers one JSON line on stdout:
 * - `{ "open": { kind, target, now } }`: a service on a store of its own (SQLite file, PostgreSQL
 *   or Redis URL), its clock fixed at `now`; answers `{ "ready": true }`.
 * - `{ "fire": { valid: [user, code], wrong: [user, code, count] } }`: sends the valid code and
 *   `count` copies of the wrong code all at once; answers the status and error code of each.
 * - `{ "close": true }`: closes the store; answers `{ "closed": true }`.
 */
import { createInterface } from 'node:readline';
import { createTotpService, type TotpService, type TotpStore } from '../index.js';
import { postgresStore } from '../stores/postgres.js';
import { redisStore } from '../stores/redis.js';
import { sqliteStore } from '../stores/sqlite.js';

let store: TotpStore | null = null;
let service: TotpService | null = null;
let sessions = 0;

function open(kind: string, target: string): TotpStore {
  if (kind === 'sqlite') return sqliteStore(target);
  if (kind === 'postgres') return postgresStore(target);
  if (kind === 'redis') return redisStore(target);
  throw new Error(`unknown store ${kind}`);
}

async function verify(userId: string, code: string): Promise<string> {
  const identity = { userId, sessionId: `${process.pid}-${++sessions}`, account: `${userId}@example.com` };
  const answer = await service!.actions.verify(identity, { code });
  return answer.status === 200 ? 'ok' : `${answer.status} ${(answer.body as { error: { code: string } }).error.code}`;
}

async function handle(command: any): Promise<unknown> {
  if (command.open) {
    const { kind, target, now } = command.open;
    store = open(kind, target);
    service = createTotpService({
      store,
      issuer: 'Cross Process',
      identify: () => null,
      now: () => now,
      policy: { lockout: { threshold: 100, hardLimit: 100 } },
    });
    await store.getUser('warm-up'); // connects now, not during the burst
    return { ready: true };
  }
  if (command.fire) {
    const [validUser, validCode] = command.fire.valid;
    const [wrongUser, wrongCode, count] = command.fire.wrong;
    const answers = await Promise.all([
      verify(validUser, validCode),
      ...Array.from({ length: count }, () => verify(wrongUser, wrongCode)),
    ]);
    return { valid: answers[0], wrong: answers.slice(1) };
  }
  if (command.close) {
    await store?.close?.();
    return { closed: true };
  }
  throw new Error('unknown command');
}

for await (const line of createInterface({ input: process.stdin })) {
  try {
    process.stdout.write(`${JSON.stringify(await handle(JSON.parse(line)))}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: String(error) })}\n`);
  }
}
