import { expect } from './test-fixtures/expect.js';
import { TotpGateError } from './errors.js';
import { initialGateState, isOpen, reduceGate, type GateAction, type GateState } from './gate-state.js';
import type { Enrollment, Status } from './schemas.js';

const SERVER_TIME = '2026-03-01T12:00:00.000Z';
const GRACE_END = '2026-03-08T12:00:00.000Z';
const who = { account: 'alice@example.com', issuer: 'Acme' };

const enrollment: Enrollment = {
  otpauthUri: 'otpauth://totp/Acme:alice%40example.com?issuer=Acme&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  ...who,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  expiresAt: '2026-03-01T12:10:00.000Z',
};

function status(state: Status['state'], extra: Partial<Status> = {}): Status {
  return {
    state,
    ...who,
    graceEndsAt: null,
    lockedUntil: null,
    recoveryCodesLeft: null,
    serverTime: SERVER_TIME,
    ...extra,
  };
}

const STATES: Record<GateState['status'], GateState> = {
  checking: initialGateState,
  'enrollment-required': {
    status: 'enrollment-required',
    busy: false,
    ...who,
    graceEndsAt: new Date(GRACE_END),
    canDefer: true,
  },
  enrolling: {
    status: 'enrolling',
    busy: false,
    enrollment,
    warnings: [],
    graceEndsAt: new Date(GRACE_END),
    canDefer: true,
  },
  'recovery-codes': { status: 'recovery-codes', busy: false, recoveryCodes: ['aaaaa-bbbbb', 'ccccc-ddddd'] },
  'challenge-required': {
    status: 'challenge-required',
    busy: false,
    ...who,
    attemptsLeft: 5,
    recoveryCodesLeft: 10,
    digits: 6,
    rememberDays: null,
  },
  verified: { status: 'verified', busy: false },
  exempt: { status: 'exempt', busy: false, reason: 'break-glass', expiresAt: null },
  deferred: { status: 'deferred', busy: false, ...who, graceEndsAt: new Date(GRACE_END) },
  locked: { status: 'locked', busy: false, ...who, retryAt: new Date('2026-03-01T12:00:30.000Z') },
  failed: { status: 'failed', busy: false, error: new TotpGateError('network') },
};

const fail = (code: TotpGateError['code']): GateAction => ({
  type: 'failed',
  error: new TotpGateError(code),
});

const ACTIONS: Record<string, GateAction> = {
  started: { type: 'started' },
  'status enrollment-required': {
    type: 'status-loaded',
    status: status('enrollment-required', { graceEndsAt: GRACE_END }),
    canDefer: true,
  },
  'status challenge-required': { type: 'status-loaded', status: status('challenge-required'), canDefer: true },
  'status verified': { type: 'status-loaded', status: status('verified'), canDefer: true },
  'enrollment-started': { type: 'enrollment-started', enrollment, warnings: [] },
  'enrollment-cancelled': { type: 'enrollment-cancelled' },
  'enrollment-confirmed with codes': { type: 'enrollment-confirmed', recoveryCodes: ['aaaaa-bbbbb'] },
  'enrollment-confirmed without codes': { type: 'enrollment-confirmed', recoveryCodes: [] },
  verified: { type: 'verified', method: 'code' },
  'recovery-codes-acknowledged': { type: 'recovery-codes-acknowledged' },
  deferred: { type: 'deferred', graceEndsAt: new Date(GRACE_END) },
  'failed network': fail('network'),
  'failed bad-response': fail('bad-response'),
  'failed locked': fail('locked'),
  'failed unauthenticated': fail('unauthenticated'),
  'failed enrollment-expired': fail('enrollment-expired'),
};

// The expected status after each action, in the order of ACTIONS, for each starting state.
// A dot means "the same status as before". Columns: started, status ER / CR / verified,
// enrollment-started, -cancelled, -confirmed with / without codes, verified, acknowledged, deferred,
// failed network / bad-response / locked / unauthenticated / enrollment-expired.
const ACTION_NAMES = Object.keys(ACTIONS);
// prettier-ignore
const TABLE: Record<GateState['status'], string[]> = {
  checking: ['.', 'enrollment-required', 'challenge-required', 'verified', '.', '.', '.', '.', '.', '.', '.', 'failed', 'failed', 'locked', 'failed', 'failed'],
  'enrollment-required': ['.', '.', 'challenge-required', 'verified', 'enrolling', '.', '.', '.', '.', '.', 'deferred', '.', '.', 'locked', 'failed', '.'],
  enrolling: ['.', '.', 'challenge-required', 'verified', '.', 'enrollment-required', 'recovery-codes', 'verified', '.', '.', '.', '.', '.', 'locked', 'failed', 'enrollment-required'],
  'recovery-codes': ['.', '.', '.', '.', '.', '.', '.', '.', '.', 'verified', '.', '.', '.', '.', '.', '.'],
  'challenge-required': ['.', 'enrollment-required', '.', 'verified', '.', '.', '.', '.', 'verified', '.', '.', '.', '.', 'locked', 'failed', '.'],
  verified: ['.', 'enrollment-required', 'challenge-required', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', 'locked', 'failed', '.'],
  exempt: ['.', 'enrollment-required', 'challenge-required', 'verified', '.', '.', '.', '.', '.', '.', '.', '.', '.', 'locked', 'failed', '.'],
  deferred: ['.', 'enrollment-required', 'challenge-required', 'verified', 'enrolling', '.', '.', '.', '.', '.', '.', '.', '.', 'locked', 'failed', '.'],
  locked: ['.', 'enrollment-required', 'challenge-required', 'verified', '.', '.', '.', '.', '.', '.', '.', '.', '.', '.', 'failed', '.'],
  failed: ['.', 'enrollment-required', 'challenge-required', 'verified', '.', '.', '.', '.', '.', '.', '.', '.', '.', 'locked', 'failed', '.'],
};

// The only transitions that may open a shut gate without a fresh status from the server.
const OPENING = new Set([
  'enrolling + enrollment-confirmed without codes',
  'challenge-required + verified',
  'enrollment-required + deferred',
  'recovery-codes + recovery-codes-acknowledged',
]);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

describe('reduceGate: every state × every action', () => {
  it('the table covers every state and every action', () => {
    expect(Object.keys(TABLE).sort()).to.deep.equal(Object.keys(STATES).sort());
    for (const row of Object.values(TABLE)) expect(row).to.have.length(ACTION_NAMES.length);
  });

  for (const [from, state] of Object.entries(STATES)) {
    describe(`from ${from}`, () => {
      ACTION_NAMES.forEach((actionName, index) => {
        const expected = TABLE[from as GateState['status']][index]!;
        const to = expected === '.' ? from : expected;
        it(`${actionName} → ${to}`, () => {
          const before = deepFreeze({ ...state });
          const after = reduceGate(before, ACTIONS[actionName]!);
          expect(after.status).to.equal(to);
          expect(after.busy).to.equal(actionName === 'started');
          if (actionName.startsWith('failed') && to !== 'failed') {
            expect(after.error?.code, 'the error stays beside the state').to.equal(actionName.slice(7));
          }
        });
      });
    });
  }

  it('S40 late or duplicated answers never open a shut gate', () => {
    for (const [from, state] of Object.entries(STATES)) {
      if (isOpen(state)) continue;
      for (const [actionName, action] of Object.entries(ACTIONS)) {
        if (action.type === 'status-loaded') continue; // a fresh status is the server's word
        const after = reduceGate(state, action);
        if (isOpen(after)) expect(OPENING.has(`${from} + ${actionName}`), `${from} + ${actionName}`).to.equal(true);
      }
    }
  });

  it('a duplicated success answer after the first changes nothing', () => {
    const once = reduceGate(STATES.enrolling, ACTIONS['enrollment-confirmed with codes']!);
    const twice = reduceGate(once, ACTIONS['enrollment-confirmed with codes']!);
    expect(twice.status).to.equal('recovery-codes');
    expect(twice).to.deep.equal(once);
    const verified = reduceGate(STATES['challenge-required'], ACTIONS.verified!);
    expect(reduceGate(verified, ACTIONS.verified!)).to.deep.equal(verified);
  });
});

describe('reduceGate details', () => {
  it('recovery-codes stays until acknowledged, even when a status says verified', () => {
    let state = STATES['recovery-codes'];
    for (const action of Object.values(ACTIONS)) {
      if (action.type === 'recovery-codes-acknowledged') continue;
      state = reduceGate(state, action);
      expect(state.status).to.equal('recovery-codes');
      expect(state.status === 'recovery-codes' && state.recoveryCodes).to.deep.equal(['aaaaa-bbbbb', 'ccccc-ddddd']);
    }
    expect(reduceGate(state, { type: 'recovery-codes-acknowledged' }).status).to.equal('verified');
  });

  it('started sets busy and clears the last error', () => {
    const withError = { ...STATES['challenge-required'], error: new TotpGateError('invalid-code') } as GateState;
    const after = reduceGate(withError, { type: 'started' });
    expect(after.busy).to.equal(true);
    expect(after.error).to.equal(undefined);
  });

  it('S41 a failed confirm keeps the pending enrollment, with the error beside it', () => {
    for (const code of ['network', 'timeout', 'bad-response', 'invalid-code', 'code-reused'] as const) {
      const after = reduceGate(STATES.enrolling, {
        type: 'failed',
        error: new TotpGateError(code),
      });
      expect(after.status).to.equal('enrolling');
      expect(after.status === 'enrolling' && after.enrollment.secret).to.equal(enrollment.secret);
      expect(after.error?.code).to.equal(code);
    }
  });

  it('a refresh during enrollment keeps the pending secret while the server still waits for it', () => {
    const after = reduceGate(STATES.enrolling, ACTIONS['status enrollment-required']!);
    expect(after.status === 'enrolling' && after.enrollment).to.equal(enrollment);
  });

  it('invalid-code at sign-in updates attemptsLeft', () => {
    const after = reduceGate(STATES['challenge-required'], {
      type: 'failed',
      error: new TotpGateError('invalid-code', 'x', { attemptsLeft: 2 }),
    });
    expect(after.status === 'challenge-required' && after.attemptsLeft).to.equal(2);
  });

  it('locked carries retryAt from the error, and null for an administrator reset', () => {
    const retryAt = new Date('2026-03-01T12:05:00.000Z');
    const timed = reduceGate(STATES['challenge-required'], {
      type: 'failed',
      error: new TotpGateError('locked', 'x', { retryAt }),
    });
    expect(timed).to.include({ status: 'locked', account: who.account });
    expect(timed.status === 'locked' && timed.retryAt).to.equal(retryAt);
    const reset = reduceGate(STATES['challenge-required'], fail('locked'));
    expect(reset.status === 'locked' && reset.retryAt).to.equal(null);
  });

  it('S32 grace-expired takes away the option to defer', () => {
    const after = reduceGate(STATES['enrollment-required'], fail('grace-expired'));
    expect(after).to.include({ status: 'enrollment-required', canDefer: false });
    expect(reduceGate(after, ACTIONS.deferred!).status).to.equal('enrollment-required');
  });

  it('S32 a status whose grace period is over (by server time) offers no deferral', () => {
    const over = reduceGate(initialGateState, {
      type: 'status-loaded',
      status: status('enrollment-required', { graceEndsAt: SERVER_TIME }),
      canDefer: true,
    });
    expect(over).to.include({ status: 'enrollment-required', canDefer: false });
    const noCapability = reduceGate(initialGateState, {
      type: 'status-loaded',
      status: status('enrollment-required', { graceEndsAt: GRACE_END }),
      canDefer: false,
    });
    expect(noCapability).to.include({ canDefer: false });
  });

  it('S40 a deferral without an end is a bad response, not an open gate', () => {
    const after = reduceGate(initialGateState, { type: 'status-loaded', status: status('deferred'), canDefer: true });
    expect(after.status).to.equal('failed');
    expect(after.error?.code).to.equal('bad-response');
  });

  it('maps every server state', () => {
    const exempt = reduceGate(initialGateState, {
      type: 'status-loaded',
      status: status('exempt', { exemption: { reason: 'kiosk', expiresAt: GRACE_END } }),
      canDefer: true,
    });
    expect(exempt).to.deep.include({ status: 'exempt', reason: 'kiosk', expiresAt: new Date(GRACE_END) });
    const locked = reduceGate(initialGateState, {
      type: 'status-loaded',
      status: status('locked', { lockedUntil: GRACE_END }),
      canDefer: true,
    });
    expect(locked).to.deep.include({ status: 'locked', retryAt: new Date(GRACE_END) });
    const deferred = reduceGate(initialGateState, {
      type: 'status-loaded',
      status: status('deferred', { graceEndsAt: GRACE_END }),
      canDefer: true,
    });
    expect(deferred).to.deep.include({ status: 'deferred', graceEndsAt: new Date(GRACE_END) });
    const challenge = reduceGate(initialGateState, {
      type: 'status-loaded',
      status: status('challenge-required', { digits: 8, attemptsLeft: 3, recoveryCodesLeft: 7 }),
      canDefer: true,
    });
    expect(challenge).to.deep.include({ digits: 8, attemptsLeft: 3, recoveryCodesLeft: 7 });
  });

  it('starting enrollment from the deferred banner cannot defer again from there', () => {
    const after = reduceGate(STATES.deferred, ACTIONS['enrollment-started']!);
    expect(after).to.include({ status: 'enrolling', canDefer: false });
  });

  it('isOpen is true only for verified, exempt and deferred', () => {
    const open = Object.values(STATES)
      .filter(isOpen)
      .map((s) => s.status);
    expect(open).to.deep.equal(['verified', 'exempt', 'deferred']);
  });
});
