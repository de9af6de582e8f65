/**
 * Stands in for your own session handling: TOTP Gate never sees passwords, it asks you who has
 * passed the first factor. Here, an in-memory map from the `sid` cookie to a signed-in user.
 */
import type { Identity } from '@totp-gate/server';

interface SignedIn {
  userId: string;
  email: string;
  roles: string[];
}

const sessions = new Map<string, SignedIn>();

/** Reads the `sid` cookie and returns who is signed in (password step only), or null. */
export function identify(request: Request): Identity | null {
  const sid = /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
  const user = sid ? sessions.get(sid) : undefined;
  return sid && user ? { userId: user.userId, sessionId: sid, account: user.email, roles: user.roles } : null;
}
