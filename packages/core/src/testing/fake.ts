/**
 * An in-memory backend that follows the REST contract v1 semantics with real TOTP codes:
 * for component tests, live docs examples and as the reference the contract suite is
 * checked against. It is a test double, not a server: its state lives in the page.
 * Past 300 lines: the sign-in half of one test double, kept whole so its state reads in one place;
 * the account half is `fake-account.ts`.
 */
import type { AccountCapabilities, BackendCapabilities, CallOptions, TotpBackend } from '../backend.js';
import { TotpGateError, type TotpErrorCode } from '../errors.js';
import { attemptsLeft, lockedUntil, parsePolicy, type PolicyInput } from '../policy.js';
import type { ConfirmResult, DeferResult, Enrollment, RecoveryResult, Status, VerifyResult } from '../schemas.js';
import { buildOtpauthUri, createSecret, cryptoRandomBytes, encodeBase32, totp } from '../otp.js';
import { accountMethods, type FakeAccount, type FakeFactor, type FakeSession } from './fake-account.js';

/** Options for {@link createFakeBackend}. */
export interface FakeBackendOptions {
  /** The account name (default `alice@example.com`). */
  account?: string;
  /** The issuer (default `Acme`). */
  issuer?: string;
  /** Start with an active factor (a secret is made up) instead of needing enrollment. */
  enrolled?: boolean;
  /** Start with a grace period that ends at this time. */
  graceEndsAt?: Date;
  /** Start exempt, with this reason. */
  exemptReason?: string;
  /** When that exemption ends (default never). */
  exemptUntil?: Date;
  /** TOTP parameters, lockout, recovery-code count and enrollment lifetime, as on a server. */
  policy?: PolicyInput;
  /** The fake's clock in ms (default `Date.now`). */
  now?: () => number;
  /** Delay before each answer, in ms (default 0): lets UIs show progress. */
  latencyMs?: number;
  /**
   * Override declared capabilities (e.g. `{ recoveryCodes: false }` to act like Supabase MFA).
   * Account management (`factors`, `regenerateRecoveryCodes`, `rememberDevice`, `signOutOthers`)
   * is implemented and off unless declared here.
   */
  capabilities?: Partial<BackendCapabilities & AccountCapabilities>;
  /** How long after a code a session may add or remove an authenticator, in seconds (default 300). */
  stepUpSeconds?: number;
  /** Whether the last authenticator may be removed (default false: TOTP is required). */
  canRemoveLast?: boolean;
  /** Days "Don't ask again on this device" lasts, or null (the default) when not offered. */
  rememberDays?: number | null;
}

/** The fake's controls beside the backend interface. */
export interface FakeBackend extends TotpBackend {
  /** The first active secret, else the pending one (for tests that compute codes). */
  readonly secret: string | null;
  /** The code an authenticator would show now for {@link secret}. */
  currentCode(offsetSteps?: number): string;
  /**
   * The code the authenticator with this id (or the one being added in this session, with
   * `'pending'`) would show now.
   */
  codeOf(factorId: string | 'pending', offsetSteps?: number): string;
  /** A second first-factor session for the same user (shares the account, not the session). */
  newSession(): FakeBackend;
  /** Make the next call fail with this error code (or `network` by default). */
  failNext(code?: TotpErrorCode): void;
  /** Make every call hang until `release()` (to test timeouts and progress). */
  hold(): void;
  /** Lets the calls held by `hold()` go on, and stops holding. */
  release(): void;
  /** Recovery codes issued at the last confirmation. */
  readonly recoveryCodes: readonly string[];
  /** Calls made, by method name, in order. */
  readonly calls: readonly string[];
}

/** A recovery code like the server's: ten base32 letters and digits with a dash. */
export function recoveryCode(): string {
  const text = encodeBase32(cryptoRandomBytes(7)).toLowerCase().slice(0, 10);
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}

/**
 * Creates an in-memory backend for one user.
 * @example
 * const backend = createFakeBackend({ account: 'alice@example.com', issuer: 'Acme' })
 * const gate = createGate({ backend })
 */
export function createFakeBackend(options: FakeBackendOptions = {}): FakeBackend {
  const policy = parsePolicy(options.policy ?? {});
  const now = options.now ?? (() => Date.now());
  let nextId = 1;
  const newFactor = (name: string, secret: string, at: number): FakeFactor => ({
    id: `f${nextId++}`,
    name,
    secret,
    createdAt: at,
    lastUsedAt: null,
    lastStep: -1,
  });
  const account: FakeAccount = {
    account: options.account ?? 'alice@example.com',
    issuer: options.issuer ?? 'Acme',
    factors: options.enrolled ? [newFactor('Authenticator', createSecret(), now())] : [],
    pending: null,
    failures: 0,
    lastFailureAt: null,
    recovery: new Set(),
    graceEndsAt: options.graceEndsAt?.getTime() ?? null,
    exempt: options.exemptReason
      ? { reason: options.exemptReason, until: options.exemptUntil?.getTime() ?? null }
      : null,
    devices: [],
    generation: 0,
  };
  return session(account);

  function session(shared: FakeAccount): FakeBackend {
    const me: FakeSession = { verifiedAt: null, generation: shared.generation, adding: null };
    const verified = () => me.verifiedAt !== null && me.generation === shared.generation;
    let deferred = false;
    let failure: TotpErrorCode | null = null;
    let held: Array<() => void> | null = null;
    let issued: string[] = [];
    const calls: string[] = [];
    const { totp: params, lockout } = policy;

    async function answer<T>(name: string, signal: AbortSignal | undefined, work: () => T): Promise<T> {
      calls.push(name);
      if (held) await new Promise<void>((resolve) => held!.push(resolve));
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      signal?.throwIfAborted();
      if (failure) {
        const code = failure;
        failure = null;
        throw new TotpGateError(code, `Simulated ${code}.`);
      }
      return work();
    }

    function lockError(): TotpGateError | null {
      const until = lockedUntil(
        lockout,
        shared.failures,
        shared.lastFailureAt === null ? null : new Date(shared.lastFailureAt),
      );
      if (until === 'reset') return new TotpGateError('locked', 'Locked until an administrator resets it.');
      if (until && until.getTime() > now())
        return new TotpGateError('locked', 'Too many attempts.', { retryAt: until });
      return null;
    }

    function fail(): never {
      shared.failures += 1;
      shared.lastFailureAt = now();
      const lock = lockError();
      if (lock) throw lock;
      throw new TotpGateError('invalid-code', 'That code is not right.', {
        attemptsLeft: attemptsLeft(lockout, shared.failures),
      });
    }

    /**
     * Finds the factor and step a code matches within the window, with replay protection per
     * factor: a step once accepted for a factor is refused for it again (S13).
     */
    function check(candidates: readonly Pick<FakeFactor, 'secret' | 'lastStep'>[], code: string): number {
      const lock = lockError();
      if (lock) throw lock;
      if (!new RegExp(`^\\d{${params.digits}}$`).test(code)) {
        throw new TotpGateError('bad-request', `The code must be ${params.digits} digits.`);
      }
      const step = Math.floor(now() / 1000 / params.period);
      let reused = false;
      for (const [index, factor] of candidates.entries()) {
        for (let delta = -params.window; delta <= params.window; delta++) {
          if (totp(factor.secret, (step + delta) * params.period * 1000, params) !== code) continue;
          if (step + delta <= factor.lastStep) {
            reused = true;
            continue;
          }
          factor.lastStep = step + delta;
          shared.failures = 0;
          shared.lastFailureAt = null;
          return index;
        }
      }
      if (reused) throw new TotpGateError('code-reused', 'That code was already used.');
      fail();
    }

    function status(): Status {
      const t = now();
      const grace = shared.graceEndsAt !== null && shared.graceEndsAt > t ? shared.graceEndsAt : null;
      const exempt = shared.exempt && (shared.exempt.until === null || shared.exempt.until > t) ? shared.exempt : null;
      const lock = lockError();
      const enrolled = shared.factors.length > 0;
      const state: Status['state'] = exempt
        ? 'exempt'
        : verified()
          ? 'verified'
          : deferred && grace !== null
            ? 'deferred'
            : lock
              ? 'locked'
              : enrolled
                ? 'challenge-required'
                : 'enrollment-required';
      return {
        state,
        account: shared.account,
        issuer: shared.issuer,
        graceEndsAt: enrolled ? null : shared.graceEndsAt === null ? null : new Date(shared.graceEndsAt).toISOString(),
        lockedUntil: lock?.retryAt?.toISOString() ?? null,
        recoveryCodesLeft: enrolled ? shared.recovery.size : null,
        serverTime: new Date(t).toISOString(),
        exemption: exempt
          ? { reason: exempt.reason, expiresAt: exempt.until === null ? null : new Date(exempt.until).toISOString() }
          : null,
        digits: params.digits,
        attemptsLeft: enrolled ? attemptsLeft(lockout, shared.failures) : null,
        // As the reference server: said only when "Don't ask again on this device" is offered.
        ...(options.rememberDays ? { rememberDays: options.rememberDays } : {}),
      };
    }

    function describe(pending: { secret: string; expiresAt: number }): Enrollment {
      const p = { issuer: shared.issuer, account: shared.account, secret: pending.secret, ...params };
      return {
        otpauthUri: buildOtpauthUri(p),
        secret: p.secret,
        issuer: p.issuer,
        account: p.account,
        algorithm: params.algorithm,
        digits: params.digits,
        period: params.period,
        expiresAt: new Date(pending.expiresAt).toISOString(),
      };
    }

    function enrollment(): Enrollment {
      if (shared.factors.length > 0) throw new TotpGateError('already-enrolled', 'An authenticator is already set up.');
      if (!shared.pending || shared.pending.expiresAt <= now()) {
        shared.pending = { secret: createSecret(), expiresAt: now() + policy.enrollmentTtlSeconds * 1000 };
      }
      return describe(shared.pending);
    }

    function issueRecoveryCodes(): string[] {
      // A backend without recovery codes (Supabase MFA, say) issues none at all.
      const count = options.capabilities?.recoveryCodes === false ? 0 : policy.recoveryCodes.count;
      issued = Array.from({ length: count }, recoveryCode);
      shared.recovery = new Set(issued);
      return [...issued];
    }

    const self: FakeBackend = {
      capabilities: { ...options.capabilities },
      get secret() {
        return shared.factors[0]?.secret ?? shared.pending?.secret ?? null;
      },
      get recoveryCodes() {
        return issued;
      },
      get calls() {
        return calls;
      },
      currentCode(offsetSteps = 0) {
        const secret = self.secret;
        if (!secret) throw new Error('No secret yet: start an enrollment first.');
        return totp(secret, now() + offsetSteps * params.period * 1000, params);
      },
      codeOf(factorId, offsetSteps = 0) {
        const secret =
          factorId === 'pending' ? me.adding?.secret : shared.factors.find((f) => f.id === factorId)?.secret;
        if (!secret) throw new Error(`No authenticator ${factorId} in this fake.`);
        return totp(secret, now() + offsetSteps * params.period * 1000, params);
      },
      newSession: () => session(shared),
      failNext(code = 'network') {
        failure = code;
      },
      hold() {
        held = [];
      },
      release() {
        const waiting = held ?? [];
        held = null;
        for (const resolve of waiting) resolve();
      },
      status: (o?: CallOptions) => answer('status', o?.signal, status),
      startEnrollment: (o = {}) => answer('startEnrollment', o.signal, enrollment),
      confirmEnrollment: (code, o) =>
        answer('confirmEnrollment', o?.signal, (): ConfirmResult => {
          if (shared.factors.length > 0) {
            throw new TotpGateError('already-enrolled', 'An authenticator is already set up.');
          }
          if (!shared.pending || shared.pending.expiresAt <= now()) {
            shared.pending = null;
            throw new TotpGateError('enrollment-expired', 'The enrollment expired. Start again.');
          }
          const factor = newFactor('Authenticator', shared.pending.secret, now());
          check([factor], code);
          shared.factors = [factor];
          shared.pending = null;
          markVerified();
          return { state: 'verified', recoveryCodes: issueRecoveryCodes() };
        }),
      verify: (code, o) =>
        answer('verify', o?.signal, (): VerifyResult => {
          if (shared.factors.length === 0) throw new TotpGateError('bad-request', 'No authenticator is set up.');
          const factor = shared.factors[check(shared.factors, code)]!;
          factor.lastUsedAt = now();
          markVerified();
          if (o?.rememberDevice) extra.remember();
          return { state: 'verified' };
        }),
      redeemRecoveryCode: (code, o) =>
        answer('redeemRecoveryCode', o?.signal, (): RecoveryResult => {
          const clean = code.trim().toLowerCase().replace(/[\s-]/g, '');
          // As the reference server: what cannot be a recovery code is bad input, not a wrong guess.
          if (!/^[a-z2-7]{10}$/.test(clean)) throw new TotpGateError('bad-request', 'A recovery code is xxxxx-xxxxx.');
          const lock = lockError();
          if (lock) throw lock;
          const match = [...shared.recovery].find((c) => c.replace('-', '') === clean);
          if (!match) fail();
          shared.recovery.delete(match);
          shared.failures = 0;
          markVerified();
          return { state: 'verified', recoveryCodesLeft: shared.recovery.size };
        }),
      defer: (o) =>
        answer('defer', o?.signal, (): DeferResult => {
          if (shared.graceEndsAt === null || shared.graceEndsAt <= now() || shared.factors.length > 0) {
            throw new TotpGateError('grace-expired', 'The grace period is over.');
          }
          deferred = true;
          return { state: 'deferred', graceEndsAt: new Date(shared.graceEndsAt).toISOString() };
        }),
    };
    const extra = accountMethods({
      shared,
      me,
      now,
      options,
      answer,
      check,
      describe,
      newFactor,
      issueRecoveryCodes,
      enrollmentTtlMs: policy.enrollmentTtlSeconds * 1000,
    });
    Object.assign(self, extra.methods);
    return self;

    function markVerified(): void {
      me.verifiedAt = now();
      me.generation = shared.generation;
    }
  }
}
