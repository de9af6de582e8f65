// @ts-check
/**
 * The app's own first factor: users with scrypt-hashed passwords and sessions in a `sid` cookie.
 * Replace both with your user database and session store; TOTP Gate never sees a password, it
 * only asks `identify(request)` who passed this step.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** @typedef {import('@totp-gate/server').Identity} Identity */

/** Demo users. In your app: rows in your database, with the hash computed at sign-up. */
const users = new Map([['alice', { userId: 'u-1', email: 'alice@example.com', password: hash('correct horse') }]]);

/** @type {Map<string, { userId: string, email: string }>} session id → signed-in user */
const sessions = new Map();

/** @param {string} password */
function hash(password, salt = randomBytes(16)) {
  return { salt, key: scryptSync(password, salt, 32) };
}

/** @param {Request} request */
function sessionIdOf(request) {
  return /(?:^|;\s*)sid=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
}

/**
 * Checks a user name and password; on success starts a session with a fresh random id and
 * returns its Set-Cookie header, otherwise null.
 * @param {string} username
 * @param {string} password
 * @returns {Promise<string | null>}
 */
export async function signIn(username, password) {
  const user = users.get(username);
  const candidate = hash(password, user?.password.salt);
  if (!user || !timingSafeEqual(candidate.key, user.password.key)) return null;
  const sessionId = randomBytes(24).toString('base64url');
  sessions.set(sessionId, { userId: user.userId, email: user.email });
  return `sid=${sessionId}; HttpOnly; SameSite=Lax; Path=/`;
}

/**
 * Ends the request's session; returns its id (or undefined when there was none).
 * @param {Request} request
 */
export async function endSession(request) {
  const sessionId = sessionIdOf(request);
  if (sessionId) sessions.delete(sessionId);
  return sessionId;
}

/**
 * Who passed the password step in this request's session, for TOTP Gate.
 * @param {Request} request
 * @returns {Identity | null}
 */
export function identify(request) {
  const sessionId = sessionIdOf(request);
  const user = sessionId ? sessions.get(sessionId) : undefined;
  return sessionId && user ? { userId: user.userId, sessionId, account: user.email } : null;
}
