/**
 * The time source of `createGate` and `createHttpBackend`: what they read the time from and
 * take their deadlines from. Injectable so that tests move time by hand instead of sleeping
 * (`@totp-gate/elements` has the same for its countdowns, `TotpClock`). Also the timeout error
 * both give a call that runs out of time.
 */
import { TotpGateError } from './errors.js';

/**
 * A clock: the time, and deadlines. Every timer in core is a call's deadline, so the clock hands
 * out abort signals rather than callbacks to clear.
 */
export interface Clock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
  /** A signal that aborts `ms` milliseconds from now, like `AbortSignal.timeout(ms)`. */
  timeout(ms: number): AbortSignal;
}

/** The platform's own clock (browsers, Node, workers). */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  timeout: (ms: number) => AbortSignal.timeout(ms),
});

/**
 * The error of a call that ran out of time (or was aborted): `cause` is what it failed with.
 * @internal
 */
export const timeoutError = (cause?: unknown): TotpGateError =>
  new TotpGateError('timeout', 'The server took too long to answer.', { cause });

/**
 * Rejects with {@link timeoutError} once `signal` aborts, so that a call raced against it ends
 * even when the code it waits for ignores the signal and hangs.
 * @internal
 */
export function abortedAsTimeout(signal: AbortSignal): Promise<never> {
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(timeoutError(signal.reason)), { once: true });
  });
  aborted.catch(() => undefined);
  return aborted;
}
