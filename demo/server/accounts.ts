/**
 * The demo's fictional staff directory. Every account's password is `demo`; each one shows a
 * different corner of the policy, and the login page lists them with what to expect.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** One person who can sign in to the portal with the first factor. */
export interface DemoAccount {
  username: string;
  displayName: string;
  roles: string[];
  /** When TOTP became required for this person; the grace period counts from here. */
  requiredSince: Date | null;
  /** What the login page says will happen, in one line. */
  scenario: string;
  /**
   * Whether the sign-in offers "Don't ask again on this device" (the policy's `rememberDevice`).
   * Only one account has it, so the default, a code at every sign-in, stays visible for the others.
   */
  remembersDevice?: true;
}

/** The one password every demo account has. Printed on the login page and in the README. */
export const DEMO_PASSWORD = 'demo';

const DAY_MS = 86_400_000;

/**
 * The accounts. `erin`'s requirement started one day before the demo was started, so she is
 * always inside her 7-day grace period; for the others no start is known, so they have no grace.
 */
export function demoAccounts(startedAt: Date): DemoAccount[] {
  return [
    {
      username: 'alice',
      displayName: 'Alice Archer',
      roles: ['staff'],
      requiredSince: null,
      scenario: 'Must enroll an authenticator (no grace period).',
    },
    {
      username: 'bob',
      displayName: 'Bob Baker',
      roles: ['staff'],
      requiredSince: null,
      scenario: 'Must enroll an authenticator (no grace period).',
    },
    {
      username: 'carol',
      displayName: 'Carol Chen',
      roles: ['admin'],
      requiredSince: null,
      scenario: 'Must enroll an authenticator (no grace period); then administers everyone on the Admin page.',
    },
    {
      username: 'frank',
      displayName: 'Frank Fischer',
      roles: ['staff'],
      requiredSince: null,
      scenario: 'Must enroll; may tick "Don\'t ask again on this device" (30 days).',
      remembersDevice: true,
    },
    {
      username: 'erin',
      displayName: 'Erin Evans',
      roles: ['staff'],
      requiredSince: new Date(startedAt.getTime() - DAY_MS),
      scenario: 'Inside a 7-day grace period: may set up later.',
    },
    {
      username: 'root',
      displayName: 'Root (break-glass)',
      roles: ['admin'],
      requiredSince: null,
      scenario: 'Exempt, reason "break-glass", until the end of the year.',
    },
    {
      username: 'dave',
      displayName: 'Dave Dunn',
      roles: ['contractor'],
      requiredSince: null,
      scenario: 'Role "contractor" is not covered by the policy: never asked.',
    },
  ];
}

/** When root's break-glass exemption ends: the last instant of the current year (UTC). */
export function endOfYear(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear() + 1, 0, 1) - 1000);
}

/**
 * Checks passwords against salted scrypt hashes made at start, so even this demo never compares
 * a plain password with `===` (which would leak timing) and never keeps one in a table.
 */
export function createPasswordCheck(
  accounts: readonly DemoAccount[],
): (username: unknown, password: unknown) => DemoAccount | null {
  const hashes = new Map<string, { salt: Buffer; hash: Buffer }>();
  for (const account of accounts) {
    const salt = randomBytes(16);
    hashes.set(account.username, { salt, hash: scryptSync(DEMO_PASSWORD, salt, 32) });
  }
  // An unknown user costs the same scrypt as a known one, so timing does not reveal who exists.
  const decoy = { salt: randomBytes(16), hash: randomBytes(32) };
  return (username, password) => {
    if (typeof username !== 'string' || typeof password !== 'string' || password.length > 256) return null;
    const entry = hashes.get(username) ?? decoy;
    const ok = timingSafeEqual(scryptSync(password, entry.salt, 32), entry.hash);
    return ok ? (accounts.find((a) => a.username === username) ?? null) : null;
  };
}
