/**
 * `createGate`: a small observable store over {@link GateState}. Its methods call the backend,
 * validate what comes back, and turn the outcome into a {@link GateAction} for the pure reducer;
 * listeners get the states that come out.
 *
 * Past 300 lines: `createGate` is one closure whose locals (the state, the queue that serialises
 * calls, the requests in flight, the listeners) every method shares; the reducer is apart in
 * `gate-state.ts`.
 */
import { capabilitiesOf, type BackendCapabilities, type TotpBackend } from './backend.js';
import { abortedAsTimeout, systemClock, type Clock } from './clock.js';
import { normalizeCode, type NormalizedCode, type NormalizeOptions } from './codes.js';
import type * as EnrollmentChecks from './enrollment-checks.js';
import { TotpGateError, parseAnswer, toTotpGateError, type Schema } from './errors.js';
import { initialGateState, reduceGate, type GateAction, type GateState } from './gate-state.js';
import { ConfirmResult, DeferResult, Enrollment, RecoveryResult, Status, VerifyResult } from './schemas.js';

/**
 * The enrollment-only checks (enrollment-checks.ts), asked for when an enrollment call starts so
 * they load while the server answers. Awaited later, or never when the call fails first.
 */
function enrollmentChecks(): Promise<typeof EnrollmentChecks> {
  const checks = import('./enrollment-checks.js');
  checks.catch(() => undefined);
  return checks;
}

/** Options for {@link createGate}. */
export interface GateOptions {
  /** The connection to the server that enforces TOTP, e.g. `createHttpBackend(...)`. */
  backend: TotpBackend;
  /**
   * Longest wait for one backend call before it fails with `timeout`, in ms (default 30 000).
   * The HTTP adapter has its own, shorter timeout; this one protects against any adapter hanging.
   */
  timeoutMs?: number;
  /** Fetch the status at once (default true). */
  autoRefresh?: boolean;
  /** Where the call timeouts come from (default {@link systemClock}); tests pass their own. */
  clock?: Clock;
  /**
   * Gets what a listener threw. The other listeners and the gate carry on either way; without
   * `onError` the error is thrown again in a microtask, so it shows as an uncaught error.
   */
  onError?: (error: unknown) => void;
}

/** A listener gets the new state and the previous one. */
export type GateListener = (state: GateState, previous: GateState) => void;

/**
 * The gate store. Every method resolves with the state it led to and never rejects:
 * failures are part of the state (`error`, or the `failed` state).
 */
export interface Gate {
  /** The current state. */
  getState(): GateState;
  /** Calls `listener` on every change; returns the function that unsubscribes it. */
  subscribe(listener: GateListener): () => void;
  /** What the backend offers (recovery codes, deferring, ...), so a UI hides what it does not. */
  readonly capabilities: BackendCapabilities;
  /** Asks the server where the user stands (also the way to try again after `failed`). */
  refresh(): Promise<GateState>;
  /** From `enrollment-required` or `deferred`: fetches the pending secret (`enrolling`). */
  startEnrollment(options?: { password?: string }): Promise<GateState>;
  /** From `enrolling`: sends the first code; on success `recovery-codes` (or `verified`). */
  confirmEnrollment(code: string): Promise<GateState>;
  /** Drops the pending secret from memory and returns to `enrollment-required`. */
  cancelEnrollment(): Promise<GateState>;
  /**
   * From `challenge-required`: sends a code; on success `verified`. `rememberDevice` asks the
   * server not to ask again on this device (when the state's `rememberDays` says it offers that).
   */
  verify(code: string, options?: { rememberDevice?: boolean }): Promise<GateState>;
  /**
   * From `challenge-required`: signs in with a recovery code instead; on success `verified`, or
   * `enrollment-required` when the policy wants a new authenticator first (S55).
   */
  redeemRecoveryCode(code: string): Promise<GateState>;
  /** From `recovery-codes`: the user saved them; the gate opens (`verified`). */
  acknowledgeRecoveryCodes(): Promise<GateState>;
  /** From `enrollment-required` while `canDefer`: puts enrollment off (`deferred`). */
  defer(): Promise<GateState>;
  /** Stops listening; answers that arrive later are ignored. */
  dispose(): void;
}

/** The gate's methods that go through the queue (see `enqueue`). */
type Method = Exclude<keyof Gate, 'getState' | 'subscribe' | 'capabilities' | 'dispose'>;

const ENTER_CODE = 'Enter the code from your authenticator app.';
const CODE_PROBLEMS: Record<Exclude<NormalizedCode, { ok: true }>['reason'], string> = {
  'not-a-string': ENTER_CODE,
  empty: ENTER_CODE,
  'invalid-characters': 'The code has only digits.',
  'too-short': 'The code is too short.',
  'too-long': 'The code is too long.',
};

// Non-strings never reach an adapter (normalizeCode refuses them), so one key covers them all.
const textKey = (value: unknown): string => (typeof value === 'string' ? value : '\u0001');

/**
 * Creates a gate over a backend.
 *
 * Method calls are serialised: each waits for the one before, then checks that it still makes sense
 * in the state it finds (a second click on "confirm" after a success does nothing).
 *
 * @example
 * const gate = createGate({ backend: createHttpBackend({ baseUrl: '/api/totp' }) })
 * gate.subscribe((s) => render(s))
 */
export function createGate(options: GateOptions): Gate {
  const {
    backend,
    timeoutMs = 30_000,
    clock = systemClock,
    onError = (error: unknown) =>
      queueMicrotask(() => {
        throw error;
      }),
  } = options;
  const capabilities = capabilitiesOf(backend);
  const listeners = new Set<GateListener>();
  const inFlight = new Set<AbortController>();
  const pending = new Map<string, Promise<GateState>>();
  let state: GateState = initialGateState;
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;

  function dispatch(action: GateAction): void {
    if (disposed) return;
    const previous = state;
    state = reduceGate(state, action);
    if (state === previous) return;
    for (const listener of [...listeners]) {
      try {
        listener(state, previous);
      } catch (error) {
        // A broken listener must not stop the others or the gate, nor go unnoticed.
        onError(error);
      }
    }
  }

  /**
   * Runs one backend call with a timeout and an abort signal, and checks its answer against
   * `schema`; rejects with a TotpGateError.
   */
  async function call<T>(run: (signal: AbortSignal) => Promise<unknown>, schema: Schema<T>): Promise<T> {
    const controller = new AbortController();
    inFlight.add(controller);
    // Aborts on the timeout, or at once when dispose() aborts the controller; the race settles
    // then too, so an adapter that ignores its signal cannot hold the queue.
    const signal = AbortSignal.any([controller.signal, clock.timeout(timeoutMs)]);
    try {
      const value = await Promise.race([Promise.resolve().then(() => run(signal)), abortedAsTimeout(signal)]);
      return parseAnswer(schema, value);
    } catch (error) {
      throw toTotpGateError(error);
    } finally {
      inFlight.delete(controller);
    }
  }

  /**
   * Queues a method call behind the ones in flight. The same call with the same input, asked for
   * again right after (a double click, a double Enter) before the first has finished, joins the
   * first one instead of sending a second request: a wrong code must not count twice.
   */
  function enqueue(
    method: Method,
    input: string,
    allowed: (s: GateState) => boolean,
    work: () => Promise<GateAction>,
  ): Promise<GateState> {
    const key = `${method}\u0000${input}`;
    // Only the last queued call is joined: a refresh asked for after a verify must not
    // return the answer of a refresh queued before it.
    const joined = pending.get(key);
    if (joined && joined === queue) return joined;
    const run = async (): Promise<GateState> => {
      if (disposed || !allowed(state)) return state;
      dispatch({ type: 'started' });
      try {
        dispatch(await work());
      } catch (error) {
        dispatch({ type: 'failed', error: toTotpGateError(error) });
      }
      return state;
    };
    const next = queue.then(run, run).finally(() => pending.delete(key));
    pending.set(key, next);
    queue = next;
    return next;
  }

  /** `code` as the digits the adapter gets, or the bad-request error that says what is wrong with it. */
  function checkedCode(code: unknown, digits: NormalizeOptions['digits']): string {
    const normalized = normalizeCode(code, { digits });
    if (!normalized.ok) throw new TotpGateError('bad-request', CODE_PROBLEMS[normalized.reason]);
    return normalized.code;
  }

  async function loadStatus(): Promise<GateAction> {
    const status = await call((signal) => backend.status({ signal }), Status);
    return { type: 'status-loaded', status, canDefer: capabilities.defer };
  }

  const gate: Gate = {
    capabilities,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    refresh: () => enqueue('refresh', '', () => true, loadStatus),

    startEnrollment: (opts = {}) =>
      enqueue(
        'startEnrollment',
        '',
        (s) => s.status === 'enrollment-required' || s.status === 'deferred',
        async () => {
          const checks = enrollmentChecks();
          const enrollment = await call((signal) => backend.startEnrollment({ ...opts, signal }), Enrollment);
          const { compatibilityWarnings, otpauthUriMatches } = await checks;
          // The URI must say what the other fields say, or the QR code and the key would disagree.
          if (!otpauthUriMatches(enrollment.otpauthUri, enrollment)) {
            throw new TotpGateError('bad-response', 'The server sent an inconsistent enrollment.');
          }
          return { type: 'enrollment-started', enrollment, warnings: compatibilityWarnings(enrollment) };
        },
      ),

    confirmEnrollment: (code) =>
      enqueue(
        'confirmEnrollment',
        textKey(code),
        (s) => s.status === 'enrolling',
        async () => {
          const current = state;
          const digits = current.status === 'enrolling' ? current.enrollment.digits : 6;
          const checked = checkedCode(code, digits);
          const result = await call((signal) => backend.confirmEnrollment(checked, { signal }), ConfirmResult);
          // A copy, so an adapter that keeps the array cannot change the codes on screen later.
          return { type: 'enrollment-confirmed', recoveryCodes: [...result.recoveryCodes] };
        },
      ),

    cancelEnrollment: () =>
      enqueue(
        'cancelEnrollment',
        '',
        (s) => s.status === 'enrolling',
        async () => ({ type: 'enrollment-cancelled' }),
      ),

    verify: (code, options) =>
      enqueue(
        'verify',
        textKey(code),
        (s) => s.status === 'challenge-required',
        async () => {
          const current = state;
          const digits = current.status === 'challenge-required' && current.digits ? current.digits : ([6, 8] as const);
          const checked = checkedCode(code, digits);
          await call((signal) => backend.verify(checked, { ...options, signal }), VerifyResult);
          return { type: 'verified', method: 'code' };
        },
      ),

    redeemRecoveryCode: (code) =>
      enqueue(
        'redeemRecoveryCode',
        textKey(code),
        (s) => s.status === 'challenge-required',
        async () => {
          const redeem = backend.redeemRecoveryCode;
          if (!capabilities.recoveryCodes || !redeem) {
            throw new TotpGateError('unsupported', 'Recovery codes are not available.');
          }
          const clean = typeof code === 'string' ? code.trim() : '';
          if (clean.length === 0 || clean.length > 64) {
            throw new TotpGateError('bad-request', 'Enter one of your recovery codes.');
          }
          const result = await call((signal) => redeem.call(backend, clean, { signal }), RecoveryResult);
          // A new authenticator first (S55): the status says so, and the gate shows the enrollment.
          return result.state === 'verified' ? { type: 'verified', method: 'recovery-code' } : loadStatus();
        },
      ),

    acknowledgeRecoveryCodes: () =>
      enqueue(
        'acknowledgeRecoveryCodes',
        '',
        (s) => s.status === 'recovery-codes',
        async () => ({
          type: 'recovery-codes-acknowledged',
        }),
      ),

    defer: () =>
      enqueue(
        'defer',
        '',
        (s) => s.status === 'enrollment-required' && s.canDefer,
        async () => {
          const deferFn = backend.defer;
          if (!capabilities.defer || !deferFn) throw new TotpGateError('unsupported', 'Deferring is not available.');
          const result = await call((signal) => deferFn.call(backend, { signal }), DeferResult);
          return { type: 'deferred', graceEndsAt: new Date(result.graceEndsAt) };
        },
      ),

    dispose() {
      disposed = true;
      listeners.clear();
      for (const controller of inFlight) controller.abort();
      inFlight.clear();
      // Drop the pending secret and recovery codes from memory.
      state = initialGateState;
    },
  };

  if (options.autoRefresh !== false) void gate.refresh();
  return gate;
}
