/**
 * Helpers for the gate, enrollment and challenge tests: a clock moved by hand, waiting for the
 * gate to settle, keyboard-only navigation across shadow roots, and reading what is rendered.
 */
import { sendKeys } from '@web/test-runner-commands';
import type { TotpClock } from '../shared/clock.js';

/** A clock that only moves when told to; intervals run as time passes over them. */
export interface ManualClock extends TotpClock {
  /** Moves time forward by `ms`, running every interval that falls due on the way. */
  tick(ms: number): void;
  /** How many intervals are scheduled right now. */
  readonly timers: number;
}

export function manualClock(start = Date.UTC(2026, 2, 3, 13, 0, 0)): ManualClock {
  let now = start;
  let nextId = 1;
  const intervals = new Map<number, { callback: () => void; ms: number; due: number }>();
  return {
    now: () => now,
    setInterval(callback, ms) {
      const id = nextId++;
      intervals.set(id, { callback, ms, due: now + ms });
      return id;
    },
    clearInterval(handle) {
      intervals.delete(handle as number);
    },
    tick(ms) {
      const end = now + ms;
      for (;;) {
        let next: [number, { callback: () => void; ms: number; due: number }] | undefined;
        for (const entry of intervals) if (entry[1].due <= end && (!next || entry[1].due < next[1].due)) next = entry;
        if (!next) break;
        now = next[1].due;
        next[1].due += next[1].ms;
        next[1].callback();
      }
      now = end;
    },
    get timers() {
      return intervals.size;
    },
  };
}

/**
 * Waits until `predicate` holds, polling on short timers (not animation frames, which a
 * background page may not get), for at most `ms` of real time; fails naming `what` otherwise.
 * For asynchronous answers only: countdowns are driven by a {@link ManualClock}, never waited for.
 */
export async function until(predicate: () => boolean, what = 'condition', ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!predicate()) {
    if (performance.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The focused element, looking through open shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses Tab until the focused element satisfies `predicate` (at most `max` presses). */
export async function tabTo(predicate: (el: Element) => boolean, what: string, max = 30): Promise<Element> {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const active = deepActiveElement();
    if (active && predicate(active)) return active;
  }
  throw new Error(`Tab never reached ${what}; focus is on ${deepActiveElement()?.outerHTML.slice(0, 120)}`);
}

/** A button's (or any element's) visible text, spaces collapsed. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** All text rendered in an element's shadow root and the shadow roots inside it. */
export function shadowText(el: Element): string {
  const parts: string[] = [];
  const walk = (root: ShadowRoot | Element) => {
    for (const node of root.querySelectorAll('*')) {
      if (node.shadowRoot) walk(node.shadowRoot);
    }
    parts.push(root.textContent ?? '');
  };
  if (el.shadowRoot) walk(el.shadowRoot);
  return parts.join('\n');
}

/** Finds the first element matching `selector` in `root` or any open shadow root below it. */
export function deepQuery<T extends Element = HTMLElement>(
  root: Element | ShadowRoot | Document,
  selector: string,
): T | null {
  const scope = root instanceof Element && root.shadowRoot ? [root, root.shadowRoot] : [root];
  for (const part of scope) {
    const direct = part.querySelector<T>(selector);
    if (direct) return direct;
  }
  for (const part of scope) {
    for (const node of part.querySelectorAll('*')) {
      if (node.shadowRoot) {
        const found = deepQuery<T>(node.shadowRoot, selector);
        if (found) return found;
      }
    }
  }
  return null;
}

/** The button whose text is `label`, in `root` or any shadow root below it. */
export function button(root: Element | ShadowRoot, label: string): HTMLButtonElement {
  const search = (scope: Element | ShadowRoot): HTMLButtonElement | null => {
    for (const b of scope.querySelectorAll('button')) if (textOf(b) === label) return b;
    for (const node of scope.querySelectorAll('*')) {
      if (node.shadowRoot) {
        const found = search(node.shadowRoot);
        if (found) return found;
      }
    }
    return null;
  };
  const found = search(root instanceof Element && root.shadowRoot ? root.shadowRoot : root);
  if (!found) throw new Error(`No button "${label}"`);
  return found;
}

/** Resolves with the gate's next state that is not busy (the end of the action about to start). */
export function nextSettled(gate: { subscribe(l: (s: { busy: boolean }) => void): () => void }): Promise<void> {
  return new Promise((resolve) => {
    const off = gate.subscribe((state) => {
      if (state.busy) return;
      off();
      resolve();
    });
  });
}

/** Fails unless `expected` has focus. Compares by identity and names the focused element briefly. */
export function expectFocusOn(expected: Element): void {
  const active = deepActiveElement();
  if (active === expected) return;
  // Elements are described, never handed to the assertion library: a failed comparison of two
  // live elements makes the runner serialise whole object graphs and hang.
  const describe = (el: Element | null) => (el ? el.outerHTML.slice(0, 160) : 'nothing');
  throw new Error(`Expected focus on ${describe(expected)} but it is on ${describe(active)}`);
}

/** The markup of the first match of `selector`, or null: safe to compare in expectations. */
export function found(root: Element | ShadowRoot | null, selector: string): string | null {
  return root?.querySelector(selector)?.outerHTML ?? null;
}
