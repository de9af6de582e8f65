import { expect } from './test-fixtures/expect.js';
import type { TotpBackend } from './backend.js';
import { TotpGateError } from './errors.js';
import { createGate, type Gate } from './gate.js';
import { isOpen, type GateState } from './gate-state.js';
import { manualClock } from './test-fixtures/manual-clock.js';
import { createFakeBackend } from './testing/fake.js';
import {
  HOSTILE_CONFIRM,
  HOSTILE_DEFER,
  HOSTILE_ENROLLMENT,
  HOSTILE_STATUS,
  HOSTILE_THROWS,
  HOSTILE_VERIFY,
  SCRIPT,
  goodEnrollment,
  goodStatus,
} from './test-fixtures/hostile.js';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

function clock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Waits until the gate leaves `checking` after its first refresh. */
async function settled(gate: Gate): Promise<GateState> {
  return gate.refresh();
}

/** A backend whose every method answers what the test says, counting calls. */
function scripted(answers: Partial<Record<keyof TotpBackend, () => unknown>>) {
  const calls: string[] = [];
  const method =
    (name: keyof TotpBackend) =>
    (..._args: unknown[]): Promise<never> => {
      calls.push(name);
      return Promise.resolve().then(() => (answers[name] ?? (() => undefined))()) as Promise<never>;
    };
  const backend: TotpBackend = {
    status: method('status'),
    startEnrollment: method('startEnrollment'),
    confirmEnrollment: method('confirmEnrollment'),
    verify: method('verify'),
    redeemRecoveryCode: method('redeemRecoveryCode'),
    defer: method('defer'),
  };
  return { backend, calls };
}

const never = () => new Promise<never>(() => undefined);

describe('createGate', () => {
  it('walks a new user through enrollment to verified', async () => {
    const c = clock();
    const backend = createFakeBackend({ now: c.now });
    const gate = createGate({ backend });
    await gate.refresh();
    expect(gate.getState().status).to.equal('enrollment-required');
    await gate.startEnrollment();
    const enrolling = gate.getState();
    expect(enrolling.status).to.equal('enrolling');
    expect(enrolling.status === 'enrolling' && enrolling.enrollment.secret).to.equal(backend.secret);
    await gate.confirmEnrollment(backend.currentCode());
    const codes = gate.getState();
    expect(codes.status).to.equal('recovery-codes');
    expect(codes.status === 'recovery-codes' && codes.recoveryCodes).to.deep.equal(backend.recoveryCodes);
    await gate.acknowledgeRecoveryCodes();
    expect(gate.getState().status).to.equal('verified');
    // The verified state says how this page got there.
    expect(gate.getState()).to.include({ method: 'enrollment' });
  });

  it('signs in an enrolled user with a code, and with a recovery code in another session', async () => {
    const c = clock();
    const backend = createFakeBackend({ now: c.now });
    const setup = createGate({ backend });
    await settled(setup);
    await setup.startEnrollment();
    await setup.confirmEnrollment(backend.currentCode());
    const [recovery] = backend.recoveryCodes;

    c.advance(30_000);
    const second = backend.newSession();
    const gate = createGate({ backend: second });
    expect((await settled(gate)).status).to.equal('challenge-required');
    expect((await gate.verify(second.currentCode().replace(/(\d{3})/, '$1 '))).status).to.equal('verified');
    expect(gate.getState()).to.include({ method: 'code' });
    // A page that finds the session verified already cannot tell how it was.
    expect(await settled(createGate({ backend: second }))).to.deep.equal({ status: 'verified', busy: false });

    const third = createGate({ backend: backend.newSession() });
    await settled(third);
    const after = await third.redeemRecoveryCode(` ${recovery!.toUpperCase()} `);
    expect(after.status).to.equal('verified');
    expect(after).to.include({ method: 'recovery-code' });
  });

  it('S32 defers inside a grace period, and can start enrollment from the deferred state', async () => {
    const c = clock();
    const graceEndsAt = new Date(T0 + 86_400_000);
    const gate = createGate({ backend: createFakeBackend({ now: c.now, graceEndsAt }) });
    const first = await settled(gate);
    expect(first).to.include({ status: 'enrollment-required', canDefer: true });
    const deferred = await gate.defer();
    expect(deferred.status).to.equal('deferred');
    expect(deferred.status === 'deferred' && deferred.graceEndsAt.getTime()).to.equal(graceEndsAt.getTime());
    expect((await gate.startEnrollment()).status).to.equal('enrolling');
  });

  it('S32 after the grace period the gate offers no deferral and defer() does nothing', async () => {
    const c = clock();
    const backend = createFakeBackend({ now: c.now, graceEndsAt: new Date(T0) });
    const gate = createGate({ backend });
    expect(await settled(gate)).to.include({ status: 'enrollment-required', canDefer: false });
    await gate.defer();
    expect(backend.calls).not.to.include('defer');
  });

  it('cancelEnrollment drops the pending secret from the state', async () => {
    const backend = createFakeBackend({ now: clock().now });
    const gate = createGate({ backend });
    await settled(gate);
    await gate.startEnrollment();
    const after = await gate.cancelEnrollment();
    expect(after.status).to.equal('enrollment-required');
    expect(JSON.stringify(after)).not.to.include(backend.secret!);
  });

  it('S25 an expired enrollment goes back to enrollment-required, and a new start gives a new secret', async () => {
    const c = clock();
    const backend = createFakeBackend({ now: c.now });
    const gate = createGate({ backend });
    await settled(gate);
    await gate.startEnrollment();
    const first = backend.secret;
    c.advance(601_000);
    const after = await gate.confirmEnrollment(backend.currentCode());
    expect(after.status).to.equal('enrollment-required');
    expect(after.error?.code).to.equal('enrollment-expired');
    await gate.startEnrollment();
    expect(backend.secret).not.to.equal(first);
  });

  it('S18 refuses a malformed code as bad-request without calling the backend', async () => {
    const backend = createFakeBackend({ enrolled: true, now: clock().now });
    const gate = createGate({ backend });
    await settled(gate);
    for (const code of ['12ab56', '12345', '1234567890', '', 123456 as unknown as string]) {
      const state = await gate.verify(code);
      expect(state.status).to.equal('challenge-required');
      expect(state.error?.code).to.equal('bad-request');
    }
    expect(backend.calls).not.to.include('verify');
  });

  it('accepts full-width digits and sends them as ASCII', async () => {
    const sent: string[] = [];
    const { backend } = scripted({
      status: () => goodStatus({ state: 'challenge-required' }),
      verify: () => ({ state: 'verified' }),
    });
    const spy: TotpBackend = { ...backend, verify: (code, o) => (sent.push(code), backend.verify(code, o)) };
    const gate = createGate({ backend: spy });
    await settled(gate);
    expect((await gate.verify('１２３ ４５６')).status).to.equal('verified');
    expect(sent).to.deep.equal(['123456']);
  });

  it('S58 says how long a device may be remembered, and hands "remember this device" to the backend', async () => {
    const sent: unknown[] = [];
    const { backend } = scripted({
      status: () => goodStatus({ state: 'challenge-required', rememberDays: 30 }),
      verify: () => ({ state: 'verified' }),
    });
    const spy: TotpBackend = {
      ...backend,
      verify: (code, o) => (sent.push(o?.rememberDevice), backend.verify(code, o)),
    };
    const gate = createGate({ backend: spy });
    const state = await settled(gate);
    expect(state.status === 'challenge-required' && state.rememberDays).to.equal(30);
    await gate.verify('123456', { rememberDevice: true });
    expect(sent).to.deep.equal([true]);
  });

  it('S55 a recovery code that asks for a new authenticator first leads to the enrollment, not the app', async () => {
    let recovered = false;
    const { backend, calls } = scripted({
      status: () => goodStatus({ state: recovered ? 'enrollment-required' : 'challenge-required' }),
      redeemRecoveryCode: () => ((recovered = true), { state: 'enrollment-required', recoveryCodesLeft: 9 }),
    });
    const gate = createGate({ backend });
    await settled(gate);
    const state = await gate.redeemRecoveryCode('aaaaa-bbbbb');
    expect(state.status).to.equal('enrollment-required');
    expect(calls).to.deep.equal(['status', 'redeemRecoveryCode', 'status']);
  });

  it('S58 offers no remembered device when the status does not say so', async () => {
    const { backend } = scripted({ status: () => goodStatus({ state: 'challenge-required' }) });
    const state = await settled(createGate({ backend }));
    expect(state.status === 'challenge-required' && state.rememberDays).to.equal(null);
  });

  describe('subscribe', () => {
    it('calls listeners with the new and previous state until they unsubscribe', async () => {
      const gate = createGate({ backend: createFakeBackend({ now: clock().now }), autoRefresh: false });
      const seen: Array<[string, string]> = [];
      const unsubscribe = gate.subscribe((state, previous) => seen.push([previous.status, state.status]));
      await gate.refresh();
      expect(seen).to.deep.equal([
        ['checking', 'checking'],
        ['checking', 'enrollment-required'],
      ]);
      unsubscribe();
      await gate.startEnrollment();
      expect(seen).to.have.length(2);
    });

    it('a listener that throws does not stop the others or the gate, and onError gets what it threw', async () => {
      const reported: unknown[] = [];
      const gate = createGate({
        backend: createFakeBackend({ now: clock().now }),
        autoRefresh: false,
        onError: (error) => reported.push(error),
      });
      const seen: string[] = [];
      const broken = new Error('broken listener');
      gate.subscribe(() => {
        throw broken;
      });
      gate.subscribe((s) => seen.push(s.status));
      expect((await gate.refresh()).status).to.equal('enrollment-required');
      expect(seen).to.include('enrollment-required');
      // Once per change: checking (busy), then enrollment-required.
      expect(reported).to.deep.equal([broken, broken]);
    });

    it('without onError, what a listener threw is thrown again in a microtask', async () => {
      const queued: Array<() => void> = [];
      const real = globalThis.queueMicrotask;
      globalThis.queueMicrotask = (callback) => void queued.push(callback);
      let state: GateState;
      const broken = new Error('broken listener');
      try {
        const gate = createGate({ backend: createFakeBackend({ now: clock().now }), autoRefresh: false });
        gate.subscribe(() => {
          throw broken;
        });
        state = await gate.refresh();
      } finally {
        globalThis.queueMicrotask = real;
      }
      expect(state.status).to.equal('enrollment-required');
      expect(queued).to.have.length(2);
      for (const callback of queued) expect(callback).to.throw(broken);
    });

    it('refreshes at once unless autoRefresh is false', async () => {
      const eager = createFakeBackend({ now: clock().now });
      const lazy = createFakeBackend({ now: clock().now });
      const lazyGate = createGate({ backend: lazy, autoRefresh: false });
      const lazySeen: string[] = [];
      lazyGate.subscribe((s) => lazySeen.push(s.status));
      const gate = createGate({ backend: eager });
      await new Promise<void>((resolve) => gate.subscribe((s) => s.status !== 'checking' && resolve()));
      expect(gate.getState().status).to.equal('enrollment-required');
      expect(eager.calls).to.deep.equal(['status']);
      // A task later (no time passes), a lazy gate that refreshed anyway, at once or in a
      // microtask or task of its own, would have asked its backend and told its listener.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(lazy.calls).to.deep.equal([]);
      expect(lazySeen).to.deep.equal([]);
      expect(lazyGate.getState().status).to.equal('checking');
      // Its first refresh is the one asked for.
      expect((await lazyGate.refresh()).status).to.equal('enrollment-required');
      expect(lazy.calls).to.deep.equal(['status']);
    });
  });

  describe('serialisation', () => {
    it('a double click on confirm sends ONE confirmation', async () => {
      const backend = createFakeBackend({ now: clock().now });
      const gate = createGate({ backend });
      await settled(gate);
      await gate.startEnrollment();
      const code = backend.currentCode();
      const [a, b] = await Promise.all([gate.confirmEnrollment(code), gate.confirmEnrollment(code)]);
      expect(backend.calls.filter((c) => c === 'confirmEnrollment')).to.have.length(1);
      expect(a.status).to.equal('recovery-codes');
      expect(b).to.equal(a);
      // A third click once it is done finds nothing to confirm.
      await gate.confirmEnrollment(code);
      expect(backend.calls.filter((c) => c === 'confirmEnrollment')).to.have.length(1);
    });

    it('S20 a double click with a wrong code counts as one failure', async () => {
      const backend = createFakeBackend({ enrolled: true, now: clock().now });
      const gate = createGate({ backend });
      await settled(gate);
      const wrong = backend.currentCode() === '000000' ? '111111' : '000000';
      const [a] = await Promise.all([gate.verify(wrong), gate.verify(wrong)]);
      expect(backend.calls.filter((c) => c === 'verify')).to.have.length(1);
      expect(a.status === 'challenge-required' && a.attemptsLeft).to.equal(4);
    });

    it('a refresh asked for twice in a row is sent once', async () => {
      const backend = createFakeBackend({ now: clock().now });
      const gate = createGate({ backend, autoRefresh: false });
      await Promise.all([gate.refresh(), gate.refresh()]);
      expect(backend.calls).to.deep.equal(['status']);
    });

    it('different actions run one after the other, never side by side', async () => {
      let inFlight = 0;
      let most = 0;
      const slow = (value: unknown) => async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        // Yields a few turns, in which a call running beside it would start.
        for (let turn = 0; turn < 5; turn++) await Promise.resolve();
        inFlight--;
        return value;
      };
      const { backend, calls } = scripted({
        status: slow(goodStatus({ state: 'challenge-required' })),
        verify: slow({ state: 'verified' }),
      });
      const gate = createGate({ backend, autoRefresh: false });
      const results = await Promise.all([gate.refresh(), gate.verify('111111'), gate.verify('222222'), gate.refresh()]);
      expect(most).to.equal(1);
      // The second verify found the gate verified and did not run.
      expect(calls).to.deep.equal(['status', 'verify', 'status']);
      expect(results.map((s) => s.status)).to.deep.equal([
        'challenge-required',
        'verified',
        'verified',
        'challenge-required', // what the scripted server says
      ]);
    });
  });

  describe('failures keep the user where they were (S41)', () => {
    it('S41 a pending enrollment survives a failed confirm, and a retry needs no new enrollment', async () => {
      const backend = createFakeBackend({ now: clock().now });
      const gate = createGate({ backend });
      await settled(gate);
      await gate.startEnrollment();
      const secret = backend.secret;
      backend.failNext('network');
      const failed = await gate.confirmEnrollment(backend.currentCode());
      expect(failed.status).to.equal('enrolling');
      expect(failed.error?.code).to.equal('network');
      expect(failed.status === 'enrolling' && failed.enrollment.secret).to.equal(secret);
      expect((await gate.confirmEnrollment(backend.currentCode())).status).to.equal('recovery-codes');
      expect(backend.calls.filter((c) => c === 'startEnrollment')).to.have.length(1);
    });

    it('S41 a pending enrollment survives a timed-out confirm, and a retry works', async () => {
      const time = manualClock();
      const backend = createFakeBackend({ now: clock().now });
      const gate = createGate({ backend, timeoutMs: 30, clock: time });
      await settled(gate);
      await gate.startEnrollment();
      backend.hold();
      const pending = gate.confirmEnrollment(backend.currentCode());
      await time.deadlineSet();
      time.advance(30);
      const timedOut = await pending;
      expect(timedOut.status).to.equal('enrolling');
      expect(timedOut.error?.code).to.equal('timeout');
      expect(timedOut.busy).to.equal(false);
      backend.release();
      expect((await gate.confirmEnrollment(backend.currentCode())).status).to.equal('recovery-codes');
      expect(backend.calls.filter((c) => c === 'startEnrollment')).to.have.length(1);
    });

    it('S41 a wrong code keeps the enrollment and the secret', async () => {
      const backend = createFakeBackend({ now: clock().now });
      const gate = createGate({ backend });
      await settled(gate);
      await gate.startEnrollment();
      const wrong = backend.currentCode() === '000000' ? '111111' : '000000';
      const state = await gate.confirmEnrollment(wrong);
      expect(state.status).to.equal('enrolling');
      expect(state.error?.code).to.equal('invalid-code');
    });

    it('a hanging adapter times out into failed, and refresh() recovers', async () => {
      let hang = true;
      const { backend } = scripted({ status: () => (hang ? never() : goodStatus({ state: 'challenge-required' })) });
      const time = manualClock();
      const gate = createGate({ backend, timeoutMs: 20, clock: time, autoRefresh: false });
      const pending = gate.refresh();
      await time.deadlineSet();
      time.advance(19);
      expect(gate.getState().busy, 'still waiting before the timeout').to.equal(true);
      time.advance(1);
      const state = await pending;
      expect(state.status).to.equal('failed');
      expect(state.error?.code).to.equal('timeout');
      hang = false;
      expect((await gate.refresh()).status).to.equal('challenge-required');
    });

    it('a network failure on refresh keeps an open gate open with the error beside it', async () => {
      const backend = createFakeBackend({ enrolled: true, now: clock().now });
      const gate = createGate({ backend, autoRefresh: false });
      await gate.refresh();
      await gate.verify(backend.currentCode());
      backend.failNext('network');
      const state = await gate.refresh();
      expect(state.status).to.equal('verified');
      expect(state.error?.code).to.equal('network');
    });

    it('unauthenticated always ends in failed', async () => {
      const backend = createFakeBackend({ now: clock().now });
      const gate = createGate({ backend });
      await settled(gate);
      await gate.startEnrollment();
      backend.failNext('unauthenticated');
      expect((await gate.confirmEnrollment(backend.currentCode())).status).to.equal('failed');
    });
  });

  describe('dispose', () => {
    it('drops the pending secret and ignores answers that arrive later', async () => {
      const backend = createFakeBackend({ now: clock().now });
      const gate = createGate({ backend });
      await settled(gate);
      await gate.startEnrollment();
      const seen: string[] = [];
      gate.subscribe((s) => seen.push(s.status));
      backend.hold();
      const pending = gate.confirmEnrollment(backend.currentCode());
      gate.dispose();
      expect(gate.getState().status).to.equal('checking');
      expect(JSON.stringify(gate.getState())).not.to.include(backend.secret!);
      backend.release();
      await pending;
      expect(gate.getState().status).to.equal('checking');
      expect(seen.filter((s) => s !== 'enrolling')).to.deep.equal([]);
    });

    it('settles a call to an adapter that ignores its signal, and does nothing afterwards', async () => {
      const { backend, calls } = scripted({ status: never });
      const gate = createGate({ backend, timeoutMs: 60_000 });
      const pending = gate.refresh();
      await Promise.resolve();
      gate.dispose();
      await pending; // would wait a minute if dispose did not settle it
      await gate.refresh();
      await gate.verify('123456');
      expect(calls).to.deep.equal(['status']);
      expect(gate.getState().status).to.equal('checking');
    });

    it('aborts the signal it gave the adapter', async () => {
      let signal: AbortSignal | undefined;
      const { backend } = scripted({});
      backend.status = (o) => ((signal = o?.signal), never());
      const gate = createGate({ backend });
      await Promise.resolve();
      await Promise.resolve();
      gate.dispose();
      expect(signal?.aborted).to.equal(true);
    });
  });

  describe('capabilities', () => {
    it('are taken from the backend, checked against its methods, and only a real true counts', async () => {
      const { backend } = scripted({ status: () => goodStatus({ state: 'challenge-required' }) });
      delete backend.redeemRecoveryCode;
      const gate = createGate({
        backend: { ...backend, capabilities: { defer: 'yes' as unknown as boolean, requiresRecentLogin: 1 as never } },
      });
      expect(gate.capabilities).to.deep.equal({
        recoveryCodes: false,
        defer: false,
        enrollmentRequiresPassword: false,
        requiresRecentLogin: false,
      });
      await settled(gate);
      const state = await gate.redeemRecoveryCode('aaaaa-bbbbb');
      expect(state.status).to.equal('challenge-required');
      expect(state.error?.code).to.equal('unsupported');
    });

    it('a Supabase-like backend without recovery codes goes straight to verified', async () => {
      const backend = createFakeBackend({ now: clock().now, capabilities: { recoveryCodes: false } });
      const gate = createGate({ backend });
      await settled(gate);
      await gate.startEnrollment();
      expect((await gate.confirmEnrollment(backend.currentCode())).status).to.equal('verified');
    });

    it('passes the password to a backend that needs it for enrollment', async () => {
      let received: unknown;
      const { backend } = scripted({ status: () => goodStatus() });
      backend.startEnrollment = async (o) => ((received = o?.password), goodEnrollment());
      const gate = createGate({ backend: { ...backend, capabilities: { enrollmentRequiresPassword: true } } });
      await settled(gate);
      expect(gate.capabilities.enrollmentRequiresPassword).to.equal(true);
      await gate.startEnrollment({ password: 'hunter2' });
      expect(received).to.equal('hunter2');
      expect(JSON.stringify(gate.getState())).not.to.include('hunter2');
    });
  });
});

describe('S40 hostile adapter answers', () => {
  function expectShutWithBadResponse(state: GateState, stayed: GateState['status']): void {
    expect(isOpen(state), 'never an open gate').to.equal(false);
    expect(state.status).to.equal(stayed);
    expect(state.error).to.be.instanceOf(TotpGateError);
    expect(state.error?.code).to.equal('bad-response');
    expect(state.busy).to.equal(false);
  }

  for (const [name, value] of HOSTILE_STATUS) {
    it(`S40 status() answering ${name} → failed/bad-response, and retry works`, async () => {
      let answer: unknown = value;
      const { backend } = scripted({ status: () => answer });
      const gate = createGate({ backend, autoRefresh: false });
      expectShutWithBadResponse(await gate.refresh(), 'failed');
      answer = goodStatus({ state: 'challenge-required' });
      expect((await gate.refresh()).status).to.equal('challenge-required');
    });
  }

  for (const [name, value] of HOSTILE_ENROLLMENT) {
    it(`S40 startEnrollment() answering ${name} → stays enrollment-required with bad-response`, async () => {
      let answer: unknown = value;
      const { backend } = scripted({ status: () => goodStatus(), startEnrollment: () => answer });
      const gate = createGate({ backend });
      await settled(gate);
      expectShutWithBadResponse(await gate.startEnrollment(), 'enrollment-required');
      answer = goodEnrollment();
      expect((await gate.startEnrollment()).status).to.equal('enrolling');
    });
  }

  for (const [name, value] of HOSTILE_CONFIRM) {
    it(`S41 S40 confirmEnrollment() answering ${name} → stays enrolling with bad-response`, async () => {
      let answer: unknown = value;
      const { backend } = scripted({
        status: () => goodStatus(),
        startEnrollment: () => goodEnrollment(),
        confirmEnrollment: () => answer,
      });
      const gate = createGate({ backend });
      await settled(gate);
      await gate.startEnrollment();
      const state = await gate.confirmEnrollment('123456');
      expectShutWithBadResponse(state, 'enrolling');
      expect(state.status === 'enrolling' && state.enrollment.secret).to.equal(goodEnrollment().secret);
      answer = { state: 'verified', recoveryCodes: [] };
      expect((await gate.confirmEnrollment('123456')).status).to.equal('verified');
    });
  }

  for (const [name, value] of HOSTILE_VERIFY) {
    it(`S40 verify() answering ${name} → stays challenge-required with bad-response`, async () => {
      let answer: unknown = value;
      const { backend } = scripted({
        status: () => goodStatus({ state: 'challenge-required' }),
        verify: () => answer,
        redeemRecoveryCode: () => answer,
      });
      const gate = createGate({ backend });
      await settled(gate);
      expectShutWithBadResponse(await gate.verify('123456'), 'challenge-required');
      expectShutWithBadResponse(await gate.redeemRecoveryCode('aaaaa-bbbbb'), 'challenge-required');
      answer = { state: 'verified' };
      expect((await gate.verify('123456')).status).to.equal('verified');
    });
  }

  for (const [name, value] of HOSTILE_DEFER) {
    it(`S40 defer() answering ${name} → stays enrollment-required with bad-response`, async () => {
      const { backend } = scripted({
        status: () => goodStatus({ graceEndsAt: '2026-03-08T12:00:00.000Z' }),
        defer: () => value,
      });
      const gate = createGate({ backend });
      await settled(gate);
      expectShutWithBadResponse(await gate.defer(), 'enrollment-required');
    });
  }

  for (const [name, thrown] of HOSTILE_THROWS) {
    it(`S40 an adapter that throws ${name} → bad-response, never an uncaught exception`, async () => {
      let fail = true;
      const { backend } = scripted({
        status: () => goodStatus({ state: 'challenge-required' }),
        verify: () => {
          if (fail) throw thrown;
          return { state: 'verified' };
        },
      });
      const gate = createGate({ backend });
      await settled(gate);
      expectShutWithBadResponse(await gate.verify('123456'), 'challenge-required');
      fail = false;
      expect((await gate.verify('123456')).status).to.equal('verified');
    });
  }

  it('S40 an adapter method that throws synchronously is caught', async () => {
    const { backend } = scripted({});
    backend.status = () => {
      throw new Error('sync');
    };
    const gate = createGate({ backend, autoRefresh: false });
    expectShutWithBadResponse(await gate.refresh(), 'failed');
  });

  it('S40 a fetch-style TypeError from an adapter is a network error, retryable', async () => {
    const { backend } = scripted({
      status: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const state = await createGate({ backend, autoRefresh: false }).refresh();
    expect(state.error?.code).to.equal('network');
    expect(state.error?.retryable).to.equal(true);
  });

  it('S39 S40 HTML and script in strings stay plain text, exactly as sent', async () => {
    const { backend } = scripted({
      status: () => goodStatus({ state: 'challenge-required', account: SCRIPT, issuer: '<b>Acme</b>' }),
    });
    const state = await createGate({ backend, autoRefresh: false }).refresh();
    expect(state).to.include({ status: 'challenge-required', account: SCRIPT, issuer: '<b>Acme</b>' });
  });

  it('S40 extra fields in an answer are dropped, not carried into the state', async () => {
    const { backend } = scripted({
      status: () => ({ ...goodStatus({ state: 'challenge-required' }), secret: 'LEAK', __proto__pollute: 1 }),
    });
    const state = await createGate({ backend, autoRefresh: false }).refresh();
    expect(state.status).to.equal('challenge-required');
    expect(JSON.stringify(state)).not.to.include('LEAK');
  });

  it('S40 a TotpGateError from another copy of core keeps its code', async () => {
    const foreign = Object.assign(new Error('Wrong code.'), {
      name: 'TotpGateError',
      code: 'invalid-code',
      attemptsLeft: 3,
    });
    const { backend } = scripted({
      status: () => goodStatus({ state: 'challenge-required' }),
      verify: () => {
        throw foreign;
      },
    });
    const gate = createGate({ backend });
    await settled(gate);
    const state = await gate.verify('123456');
    expect(state.error?.code).to.equal('invalid-code');
    expect(state.status === 'challenge-required' && state.attemptsLeft).to.equal(3);
  });
});
