/**
 * The app's own first factor, shared by every recipe: users with scrypt-hashed passwords and
 * sessions in an `sid` cookie. Replace both with your user database and session store; TOTP
 * Gate never sees a password, it only asks `identify(request)` who passed this step.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Identity } from '@totp-gate/server';

function hash(password: string, salt: Buffer = randomBytes(16)) {
  return { salt, key: scryptSync(password, salt, 32) };
}

/** Demo users. In your app: rows in your database, with the hash computed at sign-up. */
const users = new Map([['alice', { userId: 'u-1', email: 'alice@example.com', password: hash('correct horse') }]]);

/** Session id → signed-in user. In your app: your session store. */
const sessions = new Map<string, { userId: string; email: string }>();

/** The Set-Cookie header that signs the browser out. */
export const SIGNED_OUT_COOKIE = 'sid=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0';

/** The session id in a Cookie header, if any. */
export function sessionIdOf(cookieHeader: string | null | undefined): string | undefined {
  return /(?:^|;\s*)sid=([\w-]+)/.exec(cookieHeader ?? '')?.[1];
}

/**
 * Checks a user name and password; on success starts a session with a fresh random id and
 * returns its Set-Cookie header, otherwise null.
 */
export async function signIn(username: unknown, password: unknown): Promise<string | null> {
  const user = users.get(String(username));
  const candidate = hash(String(password), user?.password.salt);
  if (!user || !timingSafeEqual(candidate.key, user.password.key)) return null;
  const sessionId = randomBytes(24).toString('base64url');
  sessions.set(sessionId, { userId: user.userId, email: user.email });
  return `sid=${sessionId}; HttpOnly; SameSite=Lax; Path=/`;
}

/** Ends the session of a Cookie header; returns its id (or undefined when there was none). */
export async function signOut(cookieHeader: string | null | undefined): Promise<string | undefined> {
  const sessionId = sessionIdOf(cookieHeader);
  if (sessionId) sessions.delete(sessionId);
  return sessionId;
}

/** Who passed the password step in this request's session, for TOTP Gate. */
export function identify(request: Request): Identity | null {
  const sessionId = sessionIdOf(request.headers.get('cookie'));
  const user = sessionId ? sessions.get(sessionId) : undefined;
  return sessionId && user ? { userId: user.userId, sessionId, account: user.email } : null;
}
