/**
 * The time source of the elements' countdowns. Injectable so that tests move time by hand
 * instead of sleeping, and so that a host can align the elements with a server clock.
 */

/** What the elements read the time from and schedule their once-a-second ticks with. */
export interface TotpClock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
  /** Calls `callback` every `ms` milliseconds until cleared; returns a handle for `clearInterval`. */
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** The browser's own clock. */
export const systemClock: TotpClock = Object.freeze({
  now: () => Date.now(),
  setInterval: (callback: () => void, ms: number) => setInterval(callback, ms),
  clearInterval: (handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>),
});
