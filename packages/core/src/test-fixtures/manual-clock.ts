/**
 * A {@link Clock} that moves only when a test says so, so that no core test sleeps: deadlines
 * abort when `advance` passes them, as `AbortSignal.timeout` would.
 */
import type { Clock } from '../clock.js';

export interface ManualClock extends Clock {
  /** Moves the time on by `ms`, aborting every deadline it reaches; returns the new time. */
  advance(ms: number): number;
  /** Resolves once a deadline is pending (a call under way has asked for its timeout). */
  deadlineSet(): Promise<void>;
}

export function manualClock(start = Date.parse('2026-03-01T12:00:00.000Z')): ManualClock {
  let now = start;
  let deadlines: Array<{ at: number; controller: AbortController }> = [];
  const waiting: Array<() => void> = [];
  return {
    now: () => now,
    timeout(ms) {
      const controller = new AbortController();
      deadlines.push({ at: now + ms, controller });
      for (const resolve of waiting.splice(0)) resolve();
      return controller.signal;
    },
    advance(ms) {
      now += ms;
      const due = deadlines.filter((d) => d.at <= now);
      deadlines = deadlines.filter((d) => d.at > now);
      // The reason AbortSignal.timeout gives.
      for (const d of due)
        d.controller.abort(Object.assign(new Error('The operation timed out.'), { name: 'TimeoutError' }));
      return now;
    },
    deadlineSet() {
      if (deadlines.length > 0) return Promise.resolve();
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}
