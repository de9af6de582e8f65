/**
 * `betterAuthBackend(authClient)`: a `TotpBackend` over better-auth's own two-factor plugin, for
 * apps already on it, with `mandatoryTwoFactor()` installed on the server (it answers the status,
 * including the sign-in that waits for its second factor in better-auth's `two_factor` cookie).
 *
 * better-auth makes a new secret on every `enable` call; this adapter keeps the one it got for as
 * long as the enrollment is pending in this page (ten minutes), so the QR code does not change
 * under the user. A reload of the page starts a new one: the secret is never stored (S34).
 */
import {
  normalizeCode,
  parseOtpauthUri,
  TotpGateError,
  type Enrollment,
  type Status,
  type TotpBackend,
} from '@totp-gate/core';
import { fromBetterAuthError, type BetterAuthClientError } from './errors.js';

type Result<T> = { data: T; error: null } | { data: null; error: BetterAuthClientError };
type FetchOptions = { fetchOptions?: { signal?: AbortSignal } };

/** The part of better-auth's client (`createAuthClient({ plugins: [twoFactorClient()] })`) the adapter uses. */
export interface BetterAuthClient {
  $fetch(path: string, options?: { method?: string; body?: unknown; signal?: AbortSignal }): Promise<Result<unknown>>;
  twoFactor: {
    /** Answers `{ totpURI, backupCodes }` for the default method `totp`. */
    enable(args: { password: string } & FetchOptions): Promise<Result<unknown>>;
    verifyTotp(args: { code: string } & FetchOptions): Promise<Result<unknown>>;
    verifyBackupCode(args: { code: string } & FetchOptions): Promise<Result<unknown>>;
  };
}

/** Options for {@link betterAuthBackend}. */
export interface BetterAuthBackendOptions {
  /** How long a pending secret is shown before a new one is made (ms, default ten minutes). */
  enrollmentLifetimeMs?: number;
  /** The clock (default `Date.now`), for tests. */
  now?: () => number;
}

/**
 * Creates the adapter. Give it to `<totp-gate>` as its `.backend`.
 *
 * @example
 * const authClient = createAuthClient({ plugins: [twoFactorClient()] })
 * document.querySelector('totp-gate').backend = betterAuthBackend(authClient)
 */
export function betterAuthBackend(client: BetterAuthClient, options: BetterAuthBackendOptions = {}): TotpBackend {
  const lifetime = options.enrollmentLifetimeMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  let pending: { enrollment: Enrollment; backupCodes: string[] } | null = null;
  let digits = 6;

  async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
    const result = await call;
    if (result.error === null) return result.data;
    if (result.error.code === 'ACCOUNT_TEMPORARILY_LOCKED') {
      // Ask when the lock ends, so the countdown can show it.
      const status = await client.$fetch('/totp-gate/status', { method: 'GET' }).catch(() => null);
      const until = (status?.data as Status | null)?.lockedUntil;
      throw fromBetterAuthError(result.error, until ? { retryAt: new Date(until) } : {});
    }
    throw fromBetterAuthError(result.error);
  }

  function codeOf(code: string): string {
    const normalized = normalizeCode(code, { digits, asciiOnly: true });
    if (!normalized.ok) throw new TotpGateError('bad-request', 'Enter the code from your authenticator app.');
    return normalized.code;
  }

  /** better-auth's client reads ISO times into `Date`s; the contract carries them as strings. */
  const isoTimes = <T>(value: T): T =>
    value instanceof Date
      ? (value.toISOString() as T)
      : value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isoTimes(v)])) as T)
        : value;

  const status = async (signal?: AbortSignal): Promise<Status> => {
    const answer = isoTimes((await unwrap(client.$fetch('/totp-gate/status', { method: 'GET', signal }))) as Status);
    if (typeof answer?.digits === 'number') digits = answer.digits;
    return answer;
  };

  const isLive = (p: typeof pending): p is NonNullable<typeof pending> =>
    p !== null && Date.parse(p.enrollment.expiresAt) > now();

  return {
    capabilities: { enrollmentRequiresPassword: true, recoveryCodes: true, defer: true, requiresRecentLogin: false },

    status: (o) => status(o?.signal),

    async startEnrollment(o = {}) {
      if (isLive(pending)) return pending.enrollment;
      if (!o.password) throw new TotpGateError('bad-request', 'Enter your password to set up an authenticator app.');
      // A sign-in waiting for its code has no session to enable with: say why enrollment is refused.
      const { state } = await status(o.signal);
      if (state !== 'enrollment-required') {
        throw new TotpGateError('already-enrolled', 'An authenticator is already set up.');
      }
      const data = (await unwrap(
        client.twoFactor.enable({ password: o.password, fetchOptions: o.signal ? { signal: o.signal } : {} }),
      )) as { totpURI?: unknown; backupCodes?: unknown } | null;
      if (typeof data?.totpURI !== 'string') throw new TotpGateError('bad-response', 'The server sent no TOTP URI.');
      const uri = parseOtpauthUri(data.totpURI);
      digits = uri.digits;
      pending = {
        enrollment: { otpauthUri: data.totpURI, ...uri, expiresAt: new Date(now() + lifetime).toISOString() },
        backupCodes: Array.isArray(data.backupCodes) ? (data.backupCodes as string[]) : [],
      };
      return pending.enrollment;
    },

    async confirmEnrollment(code, o) {
      if (!isLive(pending)) {
        pending = null;
        throw new TotpGateError('enrollment-expired', 'Start the setup again.');
      }
      const held = pending;
      await unwrap(
        client.twoFactor.verifyTotp({ code: codeOf(code), fetchOptions: o?.signal ? { signal: o.signal } : {} }),
      );
      pending = null;
      // better-auth issued the backup codes with the secret; they are shown now, once.
      return { state: 'verified', recoveryCodes: held.backupCodes };
    },

    async verify(code, o) {
      await unwrap(
        client.twoFactor.verifyTotp({ code: codeOf(code), fetchOptions: o?.signal ? { signal: o.signal } : {} }),
      );
      return { state: 'verified' };
    },

    async redeemRecoveryCode(code, o) {
      await unwrap(
        client.twoFactor.verifyBackupCode({ code: code.trim(), fetchOptions: o?.signal ? { signal: o.signal } : {} }),
      );
      return { state: 'verified', recoveryCodesLeft: null };
    },

    async defer(o) {
      return isoTimes(
        (await unwrap(client.$fetch('/totp-gate/defer', { method: 'POST', body: {}, signal: o?.signal }))) as {
          state: 'deferred';
          graceEndsAt: string;
        },
      );
    },
  };
}
