import { expect } from './test-fixtures/expect.js';
import { TotpGateError } from './errors.js';
import {
  attemptsLeft,
  evaluatePolicy,
  lockedUntil,
  parsePolicy,
  type PolicyDecision,
  type PolicyInput,
  type PolicySubject,
} from './policy.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const DAY = 86_400_000;

interface Row {
  name: string;
  policy?: PolicyInput;
  subject: Partial<PolicySubject>;
  now?: Date;
  expect: Partial<PolicyDecision>;
}

function decide(row: Row): PolicyDecision {
  return evaluatePolicy(
    parsePolicy(row.policy ?? {}),
    { userId: 'u1', enrolled: false, ...row.subject },
    row.now ?? NOW,
  );
}

function runTable(rows: Row[]): void {
  for (const row of rows) {
    it(row.name, () => {
      const decision = decide(row);
      for (const [key, value] of Object.entries(row.expect)) {
        expect(decision[key as keyof PolicyDecision], `${key}`).to.deep.equal(value);
      }
    });
  }
}

describe('evaluatePolicy', () => {
  describe('who is covered', () => {
    runTable([
      { name: 'everyone by default: a user without roles must enroll', subject: {}, expect: { decision: 'enroll' } },
      {
        name: 'a listed role is covered',
        policy: { requiredRoles: ['admin'] },
        subject: { roles: ['staff', 'admin'] },
        expect: { decision: 'enroll', reason: 'not-enrolled' },
      },
      {
        name: 'a user with none of the listed roles is not covered',
        policy: { requiredRoles: ['admin'] },
        subject: { roles: ['staff'] },
        expect: { decision: 'open', reason: 'not-required', canDefer: false },
      },
      {
        name: 'a user with no roles at all is not covered by a role list',
        policy: { requiredRoles: ['admin'] },
        subject: {},
        expect: { decision: 'open', reason: 'not-required' },
      },
      {
        name: 'an empty role list covers nobody',
        policy: { requiredRoles: [] },
        subject: { roles: ['admin'] },
        expect: { decision: 'open', reason: 'not-required' },
      },
      {
        name: 'an enrolled covered user is challenged',
        subject: { enrolled: true },
        expect: { decision: 'challenge', reason: 'enrolled', canDefer: false },
      },
    ]);
  });

  describe('exemptions (S31)', () => {
    const until = at(DAY);
    runTable([
      {
        name: 'S31 an exemption by user id lets that user in, with its reason',
        policy: { exemptions: [{ userId: 'u1', reason: 'break-glass account' }] },
        subject: {},
        expect: { decision: 'exempt', reason: 'exempt', exemption: { reason: 'break-glass account', expiresAt: null } },
      },
      {
        name: 'S31 an exemption for another user does not apply',
        policy: { exemptions: [{ userId: 'u2', reason: 'other' }] },
        subject: {},
        expect: { decision: 'enroll' },
      },
      {
        name: 'S31 an exemption by role applies to members of the role',
        policy: { exemptions: [{ role: 'kiosk', reason: 'shared terminal', expiresAt: until }] },
        subject: { roles: ['kiosk'] },
        expect: { decision: 'exempt', exemption: { reason: 'shared terminal', expiresAt: until } },
      },
      {
        name: 'S31 an exemption by role does not apply to others',
        policy: { exemptions: [{ role: 'kiosk', reason: 'shared terminal' }] },
        subject: { roles: ['staff'] },
        expect: { decision: 'enroll' },
      },
      {
        name: 'S31 an exemption one ms before its end still applies',
        policy: { exemptions: [{ userId: 'u1', reason: 'travel', expiresAt: until }] },
        subject: {},
        now: new Date(until.getTime() - 1),
        expect: { decision: 'exempt' },
      },
      {
        name: 'S31 an exemption exactly at its end no longer applies: enrollment is required again',
        policy: { exemptions: [{ userId: 'u1', reason: 'travel', expiresAt: until }] },
        subject: {},
        now: until,
        expect: { decision: 'enroll', reason: 'not-enrolled' },
      },
      {
        name: 'S31 an expired exemption of an enrolled user means a challenge again',
        policy: { exemptions: [{ userId: 'u1', reason: 'travel', expiresAt: until.toISOString() }] },
        subject: { enrolled: true },
        now: at(2 * DAY),
        expect: { decision: 'challenge' },
      },
      {
        name: 'S31 an exemption kept on the subject (granted by an admin) applies and expires too',
        subject: { exemptions: [{ userId: 'u1', reason: 'admin grant', expiresAt: until }] },
        now: until,
        expect: { decision: 'enroll' },
      },
      {
        name: 'S31 an exemption whose end cannot be read counts as expired (fail closed)',
        subject: { exemptions: [{ userId: 'u1', reason: 'typo', expiresAt: 'not a date' as unknown as Date }] },
        expect: { decision: 'enroll' },
      },
      {
        name: 'a user outside the required roles is open with or without an exemption (not-required wins)',
        policy: { requiredRoles: ['admin'], exemptions: [{ userId: 'u1', reason: 'x' }] },
        subject: { roles: ['staff'] },
        expect: { decision: 'open', reason: 'not-required' },
      },
    ]);
  });

  describe('grace period (S32)', () => {
    const since = NOW;
    const grace = 7 * 86_400;
    const ends = at(grace * 1000);
    runTable([
      {
        name: 'default: no grace period, no deferring',
        subject: { requiredSince: since },
        now: at(1),
        expect: { decision: 'enroll', reason: 'not-enrolled', canDefer: false, graceEndsAt: undefined },
      },
      {
        name: 'S32 inside the grace period the user may defer and sees when it ends',
        policy: { gracePeriodSeconds: grace },
        subject: { requiredSince: since },
        now: at(DAY),
        expect: { decision: 'enroll', reason: 'grace-period', canDefer: true, graceEndsAt: ends },
      },
      {
        name: 'S32 one ms before the end: can still defer',
        policy: { gracePeriodSeconds: grace },
        subject: { requiredSince: since.toISOString() },
        now: new Date(ends.getTime() - 1),
        expect: { decision: 'enroll', canDefer: true },
      },
      {
        name: 'S32 exactly at the end: cannot defer any more',
        policy: { gracePeriodSeconds: grace },
        subject: { requiredSince: since },
        now: ends,
        expect: { decision: 'enroll', reason: 'not-enrolled', canDefer: false, graceEndsAt: ends },
      },
      {
        name: 'S32 a deferred session is open inside the grace period',
        policy: { gracePeriodSeconds: grace },
        subject: { requiredSince: since, session: { deferred: true } },
        now: new Date(ends.getTime() - 1),
        expect: { decision: 'open', reason: 'deferred', canDefer: false, graceEndsAt: ends },
      },
      {
        name: 'S32 a deferred session is shut again exactly when the grace period ends',
        policy: { gracePeriodSeconds: grace },
        subject: { requiredSince: since, session: { deferred: true } },
        now: ends,
        expect: { decision: 'enroll', canDefer: false },
      },
      {
        name: 'a grace period without a start date gives no grace',
        policy: { gracePeriodSeconds: grace },
        subject: { requiredSince: null },
        expect: { decision: 'enroll', canDefer: false, graceEndsAt: undefined },
      },
      {
        name: 'an enrolled user cannot defer a challenge',
        policy: { gracePeriodSeconds: grace },
        subject: { requiredSince: since, enrolled: true, session: { deferred: true } },
        now: at(1),
        expect: { decision: 'challenge', canDefer: false },
      },
    ]);
  });

  describe('lockout (S20)', () => {
    const last = NOW;
    runTable([
      {
        name: 'S20 four failures: not locked',
        subject: { enrolled: true, failures: 4, lastFailureAt: last },
        expect: { decision: 'challenge' },
      },
      {
        name: 'S20 five failures: locked for 30 s from the last failure',
        subject: { enrolled: true, failures: 5, lastFailureAt: last },
        now: at(1),
        expect: { decision: 'locked', reason: 'locked', retryAt: at(30_000) },
      },
      {
        name: 'S20 the lock ends exactly at retryAt',
        subject: { enrolled: true, failures: 5, lastFailureAt: last },
        now: at(30_000),
        expect: { decision: 'challenge' },
      },
      {
        name: 'S20 each further failure doubles the delay',
        subject: { enrolled: true, failures: 7, lastFailureAt: last },
        expect: { decision: 'locked', retryAt: at(120_000) },
      },
      {
        name: 'S20 the delay stops growing at maxDelaySeconds',
        subject: { enrolled: true, failures: 60, lastFailureAt: last.toISOString() },
        expect: { decision: 'locked', retryAt: at(900_000) },
      },
      {
        name: 'S20 at the hard limit of 100 only an administrator can unlock, however much later',
        subject: { enrolled: true, failures: 100, lastFailureAt: last },
        now: at(365 * DAY),
        expect: { decision: 'locked', reason: 'locked-until-reset', retryAt: undefined, canDefer: false },
      },
      {
        name: 'S20 99 failures is still a timed lock',
        subject: { enrolled: true, failures: 99, lastFailureAt: last },
        now: at(1),
        expect: { decision: 'locked', reason: 'locked' },
      },
      {
        name: 'S20 a not yet enrolled user who failed confirmations is locked too',
        subject: { failures: 5, lastFailureAt: last },
        expect: { decision: 'locked' },
      },
      {
        name: 'S20 an already verified session is not thrown out by failures elsewhere',
        subject: { enrolled: true, failures: 5, lastFailureAt: last, session: { verified: true } },
        expect: { decision: 'open', reason: 'verified' },
      },
      {
        name: 'S20 a custom threshold and base delay are honoured',
        policy: { lockout: { threshold: 3, baseDelaySeconds: 10 } },
        subject: { enrolled: true, failures: 4, lastFailureAt: last },
        expect: { decision: 'locked', retryAt: at(20_000) },
      },
    ]);
  });

  describe('sessions and remembered devices', () => {
    runTable([
      {
        name: 'a session verified with a code is open',
        subject: { enrolled: true, session: { verified: true } },
        expect: { decision: 'open', reason: 'verified' },
      },
      {
        name: 'a "verified" session without an enrolled factor is not open',
        subject: { enrolled: false, session: { verified: true } },
        expect: { decision: 'enroll' },
      },
      {
        name: 'remember-device is off by default: a remembered device is still challenged',
        subject: { enrolled: true, session: { rememberedUntil: at(DAY) } },
        expect: { decision: 'challenge' },
      },
      {
        name: 'remember-device, when enabled, opens until the remembered time',
        policy: { rememberDevice: { enabled: true } },
        subject: { enrolled: true, session: { rememberedUntil: at(DAY) } },
        expect: { decision: 'open', reason: 'remembered-device' },
      },
      {
        name: 'remember-device, when enabled, ends exactly at the remembered time',
        policy: { rememberDevice: { enabled: true } },
        subject: { enrolled: true, session: { rememberedUntil: at(DAY) } },
        now: at(DAY),
        expect: { decision: 'challenge' },
      },
    ]);
  });

  it('is pure: the same input gives the same answer and is not changed', () => {
    const policy = parsePolicy({ gracePeriodSeconds: 60 });
    const subject: PolicySubject = { userId: 'u1', enrolled: false, requiredSince: NOW, roles: ['a'] };
    const copy = { ...subject, roles: ['a'], requiredSince: new Date(NOW) };
    const first = evaluatePolicy(policy, subject, at(1000));
    expect(evaluatePolicy(policy, subject, at(1000))).to.deep.equal(first);
    expect(subject).to.deep.equal(copy);
  });
});

describe('lockedUntil and attemptsLeft', () => {
  const lockout = parsePolicy({}).lockout;
  it('S20 grows 30, 60, 120 … s and is capped at 900 s', () => {
    const delays = [5, 6, 7, 8, 9, 10, 11].map((n) => (lockedUntil(lockout, n, NOW) as Date).getTime() - NOW.getTime());
    expect(delays).to.deep.equal([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
  });
  it('S20 is null under the threshold and "reset" at the hard limit', () => {
    expect(lockedUntil(lockout, 0, NOW)).to.equal(null);
    expect(lockedUntil(lockout, 4, NOW)).to.equal(null);
    expect(lockedUntil(lockout, 100, NOW)).to.equal('reset');
    expect(lockedUntil(lockout, 250, null)).to.equal('reset');
  });
  it('counts attempts left down to the lock', () => {
    expect([0, 1, 4, 5, 50, 100].map((n) => attemptsLeft(lockout, n))).to.deep.equal([5, 4, 1, 1, 1, 0]);
  });
});

describe('parsePolicy', () => {
  it('gives the strict defaults', () => {
    const policy = parsePolicy();
    expect(policy).to.deep.equal({
      requiredRoles: null,
      exemptions: [],
      gracePeriodSeconds: 0,
      rememberDevice: { enabled: false, maxAgeSeconds: 30 * 86_400 },
      totp: { algorithm: 'SHA1', digits: 6, period: 30, window: 1 },
      lockout: { threshold: 5, baseDelaySeconds: 30, maxDelaySeconds: 900, hardLimit: 100 },
      recoveryCodes: { count: 10, afterUse: 'continue', enrollWindowSeconds: 900 },
      enrollmentTtlSeconds: 600,
      verificationLifetimeSeconds: 12 * 3600,
    });
    expect(parsePolicy({})).to.deep.equal(policy);
  });

  it('fills defaults inside a partly given group', () => {
    const policy = parsePolicy({ totp: { digits: 8 }, lockout: { threshold: 3 } });
    expect(policy.totp).to.deep.equal({ algorithm: 'SHA1', digits: 8, period: 30, window: 1 });
    expect(policy.lockout.hardLimit).to.equal(100);
  });

  it('accepts an exemption end as a Date or an ISO string', () => {
    const policy = parsePolicy({
      exemptions: [
        { userId: 'a', reason: 'x', expiresAt: new Date(0) },
        { role: 'b', reason: 'y', expiresAt: '2030-01-01T00:00:00Z' },
      ],
    });
    expect(policy.exemptions).to.have.length(2);
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['S11 a period over 120 s', { totp: { period: 121 } }, /totp\.period: must be at most 120\.$/],
    ['a period under 15 s', { totp: { period: 5 } }, /totp\.period: must be at least 15\.$/],
    ['5 digits', { totp: { digits: 5 } }, /totp\.digits/],
    ['9 digits', { totp: { digits: 9 } }, /totp\.digits/],
    ['an unknown algorithm', { totp: { algorithm: 'MD5' } }, /totp\.algorithm: Expected SHA1 \| SHA256 \| SHA512\.$/],
    ['a window wider than 10', { totp: { window: 11 } }, /totp\.window/],
    ['S20 a hard limit over 100', { lockout: { hardLimit: 101 } }, /lockout\.hardLimit: must be at most 100\.$/],
    ['a negative grace period', { gracePeriodSeconds: -1 }, /gracePeriodSeconds/],
    ['a verification lifetime under a minute', { verificationLifetimeSeconds: 59 }, /verificationLifetimeSeconds/],
    [
      'S43 a verification lifetime over 30 days',
      { verificationLifetimeSeconds: 31 * 86_400 },
      /verificationLifetimeSeconds/,
    ],
    ['a fractional grace period', { gracePeriodSeconds: 1.5 }, /gracePeriodSeconds: must be a whole number/],
    ['S31 an exemption without a reason', { exemptions: [{ userId: 'a' }] }, /exemptions\.0\.reason/],
    ['S31 an exemption naming nobody', { exemptions: [{ reason: 'x' }] }, /userId or a role/],
    [
      'an exemption end that is not a date',
      { exemptions: [{ userId: 'a', reason: 'x', expiresAt: 'soon' }] },
      /exemptions\.0\.expiresAt/,
    ],
    ['requiredRoles that is not a list', { requiredRoles: 'admin' }, /requiredRoles/],
    ['remember-device as a string', { rememberDevice: { enabled: 'yes' } }, /rememberDevice\.enabled/],
    ['a policy that is not an object', 42, /policy/],
  ];
  for (const [name, input, where] of bad) {
    it(`refuses ${name} with a bad-request naming the option`, () => {
      let error: unknown;
      try {
        parsePolicy(input as PolicyInput);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(TotpGateError);
      expect((error as TotpGateError).code).to.equal('bad-request');
      expect((error as TotpGateError).message).to.match(/^Invalid TOTP Gate policy/);
      expect((error as TotpGateError).message).to.match(where);
    });
  }
});
