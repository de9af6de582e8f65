/**
 * `runBackendContractTests`: the behaviour every `TotpBackend` must show for the gate to work,
 * as a reusable suite. Run it against your adapter with mocha, node:test, vitest or jest.
 *
 * @example
 * import { describe, it } from 'node:test'
 * runBackendContractTests('my adapter', async () => {
 *   const user = await createTestUser()            // a fresh user who must enroll
 *   return { backend: adapterFor(user), newSession: () => adapterFor(user, { newSession: true }) }
 * }, { describe, it })
 */
import type { TotpBackend } from '../backend.js';
import { capabilitiesOf } from '../backend.js';
import { TotpGateError, type TotpErrorCode } from '../errors.js';
import { ConfirmResult, Enrollment, RecoveryResult, Status, VerifyResult } from '../schemas.js';
import { parseOtpauthUri } from '../otpauth-uri.js';
import { totp } from '../otp.js';
import { accountContractTests } from './contract-account.js';

/** What the suite needs from your test setup. */
export interface ContractFixture {
  /** A first-factor session of a fresh user who must enroll (no grace period, not exempt). */
  backend: TotpBackend;
  /** Another first-factor session of the same user (as after signing out and in again). */
  newSession(): TotpBackend | Promise<TotpBackend>;
  /** The backend's clock in ms (default `Date.now`); codes are computed at this time. */
  now?: () => number;
  /** Moves the backend's clock forward (needed for the replay test to pick a fresh step). */
  advance?: (ms: number) => void | Promise<void>;
  /** Runs after each test, pass or fail. */
  cleanup?: () => void | Promise<void>;
  /**
   * The user's password, for backends with `enrollmentRequiresPassword` (better-auth's two-factor
   * plugin): the suite passes it to `startEnrollment({ password })`.
   */
  password?: string;
}

/** The test functions of your runner. Defaults to the global `describe` and `it`. */
export interface ContractHarness {
  /** Groups the tests (mocha's, node:test's, vitest's `describe`). */
  describe(name: string, body: () => void): unknown;
  /**
   * Registers one test. The body is called with the runner's own arguments and `this`, so a test
   * that does not apply to the backend can be marked skipped (node:test's `t.skip(reason)`,
   * mocha's `this.skip()`).
   */
  it(name: string, body: (...args: unknown[]) => Promise<void>): unknown;
  /**
   * Told about every test that does not apply to the backend (a capability it does not declare, a
   * clock it cannot move), with the reason. Without it the reason goes to `console.info`.
   */
  notApplicable?(name: string, reason: string): void;
}

/** Thrown inside a test that does not apply to the backend under test. */
class NotApplicable {
  constructor(readonly reason: string) {}
}

/** Ends the current test as not applicable: reported with the reason, never counted as a pass. */
function notApplicable(reason: string): never {
  throw new NotApplicable(reason);
}

/** Marks a test skipped in the runner that called it, when the runner offers a way. */
function skipInRunner(self: unknown, args: unknown[], reason: string): void {
  const context = args[0] as { skip?: unknown } | undefined;
  // node:test passes a TestContext whose skip() takes the reason.
  if (typeof context?.skip === 'function') return void (context.skip as (why: string) => void)(reason);
  // mocha binds `this` to a Context whose skip() throws its own "pending" marker.
  const mocha = self as { skip?: unknown } | undefined;
  if (typeof mocha?.skip === 'function') (mocha.skip as () => void)();
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Contract: ${message}`);
}

async function rejects(promise: Promise<unknown>, codes: TotpErrorCode[], what: string): Promise<TotpGateError> {
  try {
    await promise;
  } catch (error) {
    check(error instanceof TotpGateError, `${what} must reject with a TotpGateError, got ${String(error)}`);
    check(codes.includes(error.code), `${what} must reject with ${codes.join(' or ')}, got ${error.code}`);
    return error;
  }
  throw new Error(`Contract: ${what} must reject with ${codes.join(' or ')}, but it resolved`);
}

function valid<T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  check(result.success, `${what} does not match the contract schema: ${JSON.stringify(value)}`);
  return result.data as T;
}

/** A code of the right shape that no step near `now` produces, so it is wrong for certain. */
function wrongCode(enrollment: Enrollment, now: number, salt = 0): string {
  const step = enrollment.period * 1000;
  const near = new Set([-2, -1, 0, 1, 2].map((d) => totp(enrollment.secret, now + d * step, enrollment)));
  for (let i = salt; ; i++) {
    const code = String((i * 7919 + 104_729) % 10 ** enrollment.digits).padStart(enrollment.digits, '0');
    if (!near.has(code)) return code;
  }
}

/**
 * Registers the contract suite under `name`. `makeFixture` runs before each test and must give a
 * fresh user each time.
 */
export function runBackendContractTests(
  name: string,
  makeFixture: () => ContractFixture | Promise<ContractFixture>,
  harness: ContractHarness = globalThis as unknown as ContractHarness,
): void {
  const test = (title: string, body: (f: ContractFixture) => Promise<void>) =>
    harness.it(title, async function (this: unknown, ...args: unknown[]) {
      const fixture = await makeFixture();
      let skipped: NotApplicable | null = null;
      try {
        await body(fixture);
      } catch (error) {
        if (!(error instanceof NotApplicable)) throw error;
        skipped = error;
      } finally {
        await fixture.cleanup?.();
      }
      if (skipped === null) return;
      const reason = `not applicable: ${skipped.reason}`;
      if (harness.notApplicable) harness.notApplicable(title, reason);
      else (globalThis as { console?: { info(text: string): void } }).console?.info(`${name}: ${title}: ${reason}`);
      skipInRunner(this, args, reason);
    });

  /** `startEnrollment()`, with the fixture's password when the backend needs one. */
  function start(f: ContractFixture, backend: TotpBackend = f.backend): Promise<Enrollment> {
    if (!capabilitiesOf(backend).enrollmentRequiresPassword) return backend.startEnrollment();
    check(
      typeof f.password === 'string',
      'the backend declares enrollmentRequiresPassword: give the fixture a password',
    );
    return backend.startEnrollment({ password: f.password });
  }

  async function enroll(f: ContractFixture): Promise<{ enrollment: Enrollment; confirm: ConfirmResult }> {
    const enrollment = valid<Enrollment>(Enrollment, await start(f), 'startEnrollment()');
    const now = f.now?.() ?? Date.now();
    const code = totp(enrollment.secret, now, enrollment);
    const confirm = valid<ConfirmResult>(ConfirmResult, await f.backend.confirmEnrollment(code), 'confirmEnrollment()');
    return { enrollment, confirm };
  }

  harness.describe(`TotpBackend contract: ${name}`, () => {
    test('status() of a new user asks for enrollment', async (f) => {
      const status = valid<Status>(Status, await f.backend.status(), 'status()');
      check(status.state === 'enrollment-required', `state must be enrollment-required, got ${status.state}`);
    });

    test('S25 startEnrollment() gives a consistent otpauth URI and the same secret while pending', async (f) => {
      const first = valid<Enrollment>(Enrollment, await start(f), 'startEnrollment()');
      const uri = parseOtpauthUri(first.otpauthUri);
      check(uri.secret === first.secret, 'the URI secret must equal the secret field');
      check(
        uri.issuer === first.issuer && uri.account === first.account,
        'the URI label must match issuer and account',
      );
      const again = valid<Enrollment>(Enrollment, await start(f), 'startEnrollment() again');
      check(again.secret === first.secret, 'a second startEnrollment() while pending must return the same secret');
    });

    test('S41 confirmEnrollment() refuses a wrong code with invalid-code and keeps the enrollment pending', async (f) => {
      const enrollment = valid<Enrollment>(Enrollment, await start(f), 'startEnrollment()');
      const wrong = wrongCode(enrollment, f.now?.() ?? Date.now());
      await rejects(f.backend.confirmEnrollment(wrong), ['invalid-code'], 'confirmEnrollment(wrong code)');
      const status = valid<Status>(Status, await f.backend.status(), 'status()');
      check(status.state === 'enrollment-required', 'a failed confirm must not enroll');
      const again = valid<Enrollment>(Enrollment, await start(f), 'startEnrollment() after failure');
      check(again.secret === enrollment.secret, 'a failed confirm must keep the pending secret');
    });

    test('confirmEnrollment() with a right code enrolls and verifies the session', async (f) => {
      const { confirm } = await enroll(f);
      const caps = capabilitiesOf(f.backend);
      if (caps.recoveryCodes) check(confirm.recoveryCodes.length > 0, 'recovery codes must be issued when declared');
      const status = valid<Status>(Status, await f.backend.status(), 'status()');
      check(status.state === 'verified', `state after confirm must be verified, got ${status.state}`);
    });

    test('S26 startEnrollment() is refused with already-enrolled once a factor is active', async (f) => {
      await enroll(f);
      const other = await f.newSession();
      await rejects(start(f, other), ['already-enrolled'], 'startEnrollment() when enrolled');
    });

    test('S23 a new session must pass a challenge; verify() opens it', async (f) => {
      const { enrollment } = await enroll(f);
      const step = enrollment.period * 1000;
      // The step used to confirm is spent (S13): move on one step, or take the next step's code,
      // which a window of one accepts, when the clock cannot be moved.
      if (f.advance) await f.advance(step);
      const other = await f.newSession();
      const status = valid<Status>(Status, await other.status(), 'status() of a new session');
      check(status.state === 'challenge-required', `a new session must be challenged, got ${status.state}`);
      const code = totp(enrollment.secret, (f.now?.() ?? Date.now()) + (f.advance ? 0 : step), enrollment);
      valid<VerifyResult>(VerifyResult, await other.verify(code), 'verify()');
      const after = valid<Status>(Status, await other.status(), 'status() after verify');
      check(after.state === 'verified', `state after verify must be verified, got ${after.state}`);
    });

    test('S13 a code that was already accepted is refused', async (f) => {
      const { enrollment } = await enroll(f);
      const code = totp(enrollment.secret, f.now?.() ?? Date.now(), enrollment);
      const other = await f.newSession();
      await rejects(other.verify(code), ['code-reused', 'invalid-code'], 'verify(used code)');
    });

    test('S18 a malformed code is bad-request, not a wrong code', async (f) => {
      await enroll(f);
      const other = await f.newSession();
      await rejects(other.verify('12ab56'), ['bad-request'], 'verify("12ab56")');
    });

    test('S22 a wrong code at sign-in is invalid-code and leaves the session challenged', async (f) => {
      const { enrollment } = await enroll(f);
      const other = await f.newSession();
      const error = await rejects(
        other.verify(wrongCode(enrollment, f.now?.() ?? Date.now())),
        ['invalid-code'],
        'verify(wrong code)',
      );
      if (error.attemptsLeft !== undefined) {
        check(Number.isInteger(error.attemptsLeft) && error.attemptsLeft >= 0, 'attemptsLeft must be a count');
      }
      const status = valid<Status>(Status, await other.status(), 'status() after a wrong code');
      check(status.state === 'challenge-required', `a wrong code must not open the session, got ${status.state}`);
    });

    test('S20 repeated wrong codes lock the account, and a right code is then refused', async (f) => {
      const { enrollment } = await enroll(f);
      const other = await f.newSession();
      const now = f.now?.() ?? Date.now();
      let last: TotpGateError | undefined;
      let previousLeft = Infinity;
      for (let i = 0; i < 100 && last?.code !== 'locked'; i++) {
        last = await rejects(other.verify(wrongCode(enrollment, now, i)), ['invalid-code', 'locked'], 'verify(wrong)');
        if (last.attemptsLeft !== undefined && last.code === 'invalid-code') {
          check(last.attemptsLeft < previousLeft, 'attemptsLeft must go down with each failure');
          previousLeft = last.attemptsLeft;
        }
      }
      check(last?.code === 'locked', 'repeated wrong codes must lock the account');
      const right = totp(enrollment.secret, now + enrollment.period * 1000, enrollment);
      await rejects(other.verify(right), ['locked'], 'verify(right code) while locked');
      const status = valid<Status>(Status, await other.status(), 'status() while locked');
      check(status.state === 'locked', `status must say locked, got ${status.state}`);
    });

    test('S25 a pending enrollment that expires is refused with enrollment-expired, then replaced', async (f) => {
      if (!f.advance) notApplicable('the fixture has no advance(): the backend clock cannot be moved past the expiry');
      const first = valid<Enrollment>(Enrollment, await start(f), 'startEnrollment()');
      const expiresAt = Date.parse(first.expiresAt);
      await f.advance(Math.max(0, expiresAt - (f.now?.() ?? Date.now())) + 1000);
      const code = totp(first.secret, f.now?.() ?? Date.now(), first);
      await rejects(f.backend.confirmEnrollment(code), ['enrollment-expired'], 'confirmEnrollment() after expiry');
      const second = valid<Enrollment>(Enrollment, await start(f), 'startEnrollment() again');
      check(second.secret !== first.secret, 'an expired enrollment must not be handed out again');
    });

    test('S30 a recovery code works once', async (f) => {
      if (!capabilitiesOf(f.backend).recoveryCodes) notApplicable('the backend declares no recovery codes');
      const { confirm } = await enroll(f);
      const code = confirm.recoveryCodes[0]!;
      const other = await f.newSession();
      const result = valid<RecoveryResult>(
        RecoveryResult,
        await other.redeemRecoveryCode!(code),
        'redeemRecoveryCode()',
      );
      if (result.recoveryCodesLeft !== null) {
        check(result.recoveryCodesLeft === confirm.recoveryCodes.length - 1, 'one recovery code fewer must be left');
      }
      const third = await f.newSession();
      // Right after its use the code may be refused as reused, which counts as no guess (S47).
      await rejects(third.redeemRecoveryCode!(code), ['invalid-code', 'code-reused'], 'redeemRecoveryCode(used code)');
    });

    accountContractTests({ test, enroll, check, rejects, valid, wrongCode, notApplicable });

    test('S32 defer() outside a grace period is refused with grace-expired', async (f) => {
      if (!capabilitiesOf(f.backend).defer) notApplicable('the backend declares no defer()');
      await rejects(f.backend.defer!(), ['grace-expired'], 'defer() without a grace period');
      const status = valid<Status>(Status, await f.backend.status(), 'status() after a refused defer');
      check(status.state === 'enrollment-required', `a refused defer must change nothing, got ${status.state}`);
    });
  });
}
