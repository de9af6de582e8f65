/**
 * The account-management part of `runBackendContractTests`: what a backend that declares
 * `factors`, `regenerateRecoveryCodes`, `rememberDevice` or `signOutOthers` must do. A test
 * whose capability is not declared checks nothing and passes, as the UI hides that part.
 */
import { AddFactorResult, DeviceList, FactorList, RegenerateResult, SignOutOthersResult } from '../account-schemas.js';
import { accountCapabilitiesOf } from '../account-capabilities.js';
import { capabilitiesOf, type AccountCapabilities, type TotpBackend } from '../backend.js';
import type { TotpGateError } from '../errors.js';
import { type TotpErrorCode } from '../errors.js';
import { totp } from '../otp.js';
import { Enrollment, Status, type ConfirmResult } from '../schemas.js';
import type { ContractFixture } from './contract.js';

/** Helpers the main suite shares with this part. */
export interface AccountSuiteParts {
  test(title: string, body: (f: ContractFixture) => Promise<void>): void;
  enroll(f: ContractFixture): Promise<{ enrollment: Enrollment; confirm: ConfirmResult }>;
  check(condition: unknown, message: string): asserts condition;
  rejects(promise: Promise<unknown>, codes: TotpErrorCode[], what: string): Promise<TotpGateError>;
  valid<T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, value: unknown, what: string): T;
  wrongCode(enrollment: Enrollment, now: number, salt?: number): string;
  /** Ends a test as not applicable to this backend (reported, never a silent pass). */
  notApplicable(reason: string): never;
}

/** Registers the account tests. */
export function accountContractTests(parts: AccountSuiteParts): void {
  const { test, enroll, rejects, valid, wrongCode } = parts;
  const notApplicable: (reason: string) => never = parts.notApplicable;
  const check: (condition: unknown, message: string) => asserts condition = parts.check;
  const has = (b: TotpBackend, capability: keyof AccountCapabilities) => accountCapabilitiesOf(b)[capability];
  const nowOf = (f: ContractFixture) => f.now?.() ?? Date.now();

  /** Enrolls, then adds a second authenticator named "Second" from the same (fresh) session. */
  async function twoFactors(f: ContractFixture) {
    const first = await enroll(f);
    const added = valid<Enrollment>(Enrollment, await f.backend.addFactor!({ name: 'Second' }), 'addFactor()');
    check(added.secret !== first.enrollment.secret, 'another authenticator must get a new secret');
    const code = totp(added.secret, nowOf(f), added);
    const result = valid<AddFactorResult>(AddFactorResult, await f.backend.confirmFactor!(code), 'confirmFactor()');
    return { first, added, result };
  }

  test('S49 a freshly verified session adds a named authenticator; both are listed', async (f) => {
    if (!has(f.backend, 'factors')) notApplicable('the backend declares no factors');
    const { result } = await twoFactors(f);
    check(result.factor.name === 'Second', `the new authenticator must keep its name, got ${result.factor.name}`);
    check(result.removed.length === 0, 'adding must remove nothing');
    const list = valid<FactorList>(FactorList, await f.backend.listFactors!(), 'listFactors()');
    check(list.factors.length === 2, `two authenticators must be listed, got ${list.factors.length}`);
    check(list.factors[1]!.id === result.factor.id, 'the new authenticator must be listed last');
  });

  test('S49 adding an authenticator is refused unless the session verified a code recently', async (f) => {
    if (!has(f.backend, 'factors')) notApplicable('the backend declares no factors');
    const other = await f.newSession();
    await rejects(other.listFactors!(), ['totp-required', 'unauthenticated'], 'listFactors() before any code');
    const { enrollment } = await enroll(f);
    if (!f.advance) return; // the rest needs a movable clock
    await f.advance(60 * 60_000);
    await rejects(f.backend.addFactor!({ name: 'Late' }), ['step-up-required'], 'addFactor() an hour after the code');
    const code = totp(enrollment.secret, nowOf(f), enrollment);
    await f.backend.verify(code);
    valid<Enrollment>(Enrollment, await f.backend.addFactor!({ name: 'Late' }), 'addFactor() after a new code');
  });

  test('S51 either authenticator signs in, and a code spent on one is refused again', async (f) => {
    if (!has(f.backend, 'factors')) notApplicable('the backend declares no factors');
    const { first, added } = await twoFactors(f);
    if (f.advance) await f.advance(first.enrollment.period * 1000);
    const step = f.advance ? 0 : first.enrollment.period * 1000;
    for (const [what, e] of [
      ['the first', first.enrollment],
      ['the added', added],
    ] as const) {
      const session = await f.newSession();
      const code = totp(e.secret, nowOf(f) + step, e);
      await session.verify(code);
      const status = valid<Status>(Status, await session.status(), 'status()');
      check(status.state === 'verified', `${what} authenticator must sign in, got ${status.state}`);
      const again = await f.newSession();
      await rejects(again.verify(code), ['code-reused', 'invalid-code'], `verify() with ${what} code again`);
    }
  });

  test('S50 rename keeps the authenticator; the last one cannot be removed while TOTP is required', async (f) => {
    if (!has(f.backend, 'factors')) notApplicable('the backend declares no factors');
    const { first, added, result } = await twoFactors(f);
    const renamed = valid<FactorList>(
      FactorList,
      await f.backend.renameFactor!(result.factor.id, 'Work phone'),
      'renameFactor()',
    );
    check(renamed.factors.find((x) => x.id === result.factor.id)?.name === 'Work phone', 'the new name must show');
    await rejects(f.backend.renameFactor!('no-such-id', 'X'), ['unknown-id'], 'renameFactor(unknown id)');
    const one = valid<FactorList>(FactorList, await f.backend.removeFactor!(result.factor.id), 'removeFactor()');
    check(one.factors.length === 1, 'one authenticator must be left');
    if (!one.canRemoveLast) {
      await rejects(f.backend.removeFactor!(one.factors[0]!.id), ['last-factor'], 'removeFactor(the last one)');
      const still = valid<FactorList>(FactorList, await f.backend.listFactors!(), 'listFactors()');
      check(still.factors.length === 1, 'a refused removal must change nothing');
    }
    // The removed authenticator signs nobody in any more.
    const later = first.enrollment.period * 1000;
    if (f.advance) await f.advance(later);
    const session = await f.newSession();
    const code = totp(added.secret, nowOf(f) + (f.advance ? 0 : later), added);
    await rejects(session.verify(code), ['invalid-code'], 'verify() with the removed authenticator');
    const status = valid<Status>(Status, await session.status(), 'status()');
    check(status.state === 'challenge-required', `the removed authenticator must not sign in, got ${status.state}`);
  });

  test('S53 new recovery codes need a fresh code, replace the old ones and say how many there are', async (f) => {
    if (!has(f.backend, 'regenerateRecoveryCodes')) notApplicable('the backend declares no regenerateRecoveryCodes');
    const { enrollment, confirm } = await enroll(f);
    await rejects(
      f.backend.regenerateRecoveryCodes!(wrongCode(enrollment, nowOf(f))),
      ['invalid-code'],
      'regenerateRecoveryCodes(wrong code)',
    );
    if (confirm.recoveryCodes[0]) {
      await rejects(
        f.backend.regenerateRecoveryCodes!(confirm.recoveryCodes[0]),
        ['bad-request', 'invalid-code'],
        'regenerateRecoveryCodes(a recovery code instead of a TOTP code)',
      );
    }
    if (f.advance) await f.advance(enrollment.period * 1000);
    const code = totp(enrollment.secret, nowOf(f) + (f.advance ? 0 : enrollment.period * 1000), enrollment);
    const made = valid<RegenerateResult>(
      RegenerateResult,
      await f.backend.regenerateRecoveryCodes!(code),
      'regenerateRecoveryCodes()',
    );
    check(made.recoveryCodes.length > 0, 'new recovery codes must be issued');
    check(made.recoveryCodesLeft === made.recoveryCodes.length, 'recoveryCodesLeft must be the real count');
    const status = valid<Status>(Status, await f.backend.status(), 'status()');
    check(status.recoveryCodesLeft === made.recoveryCodes.length, 'status() must count the new codes');
    if (capabilitiesOf(f.backend).recoveryCodes && confirm.recoveryCodes[0]) {
      const other = await f.newSession();
      await rejects(other.redeemRecoveryCode!(confirm.recoveryCodes[0]), ['invalid-code'], 'an old recovery code');
    }
  });

  test('S52 remembered devices are listed and revoked one by one', async (f) => {
    if (!has(f.backend, 'rememberDevice')) notApplicable('the backend declares no rememberDevice');
    await enroll(f);
    const list = valid<DeviceList>(DeviceList, await f.backend.listDevices!(), 'listDevices()');
    check(Array.isArray(list.devices), 'listDevices() must answer a list');
    await rejects(f.backend.revokeDevice!('no-such-id'), ['unknown-id'], 'revokeDevice(unknown id)');
  });

  test('S57 "sign out other devices" makes other sessions enter a code again, not this one', async (f) => {
    if (!has(f.backend, 'signOutOthers')) notApplicable('the backend declares no signOutOthers');
    const { enrollment } = await enroll(f);
    if (f.advance) await f.advance(enrollment.period * 1000);
    const other = await f.newSession();
    await other.verify(totp(enrollment.secret, nowOf(f) + (f.advance ? 0 : enrollment.period * 1000), enrollment));
    valid<SignOutOthersResult>(SignOutOthersResult, await f.backend.signOutOthers!(), 'signOutOthers()');
    const mine = valid<Status>(Status, await f.backend.status(), 'status() of this session');
    check(mine.state === 'verified', `this session must stay verified, got ${mine.state}`);
    const theirs = valid<Status>(Status, await other.status(), 'status() of the other session');
    check(theirs.state === 'challenge-required', `the other session must be challenged, got ${theirs.state}`);
  });
}
