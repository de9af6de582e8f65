/**
 * A countdown to a moment (the end of a lock-out): re-renders its host once a second while
 * it runs and calls `onDone` once when it reaches zero. Ticks only while a target is set and
 * the host is connected, so a page that never shows a lock-out never runs a timer.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { systemClock, type TotpClock } from './clock.js';

export class CountdownController implements ReactiveController {
  private targetValue: Date | null = null;
  /** The running interval and the clock it was scheduled on (the clock may be swapped later). */
  private running: { clock: TotpClock; handle: unknown } | null = null;
  private connected = false;
  private doneFor: number | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly clock: () => TotpClock = () => systemClock,
    private readonly onDone?: (target: Date) => void,
  ) {
    host.addController(this);
  }

  /** The moment counted down to, or null for no countdown. Setting the same time again changes nothing. */
  get target(): Date | null {
    return this.targetValue;
  }

  set target(target: Date | null) {
    if (target?.getTime() === this.targetValue?.getTime()) return;
    this.targetValue = target;
    this.doneFor = null;
    this.stop();
    if (this.connected) this.start();
  }

  /** Milliseconds left (0 when the moment has passed or there is none). */
  get remaining(): number {
    if (!this.targetValue) return 0;
    return Math.max(0, this.targetValue.getTime() - this.clock().now());
  }

  /** Whether the countdown has reached zero. */
  get done(): boolean {
    return this.targetValue !== null && this.remaining === 0;
  }

  hostConnected(): void {
    this.connected = true;
    this.start();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  private start(): void {
    if (!this.targetValue || this.running) return;
    const clock = this.clock();
    this.running = { clock, handle: clock.setInterval(() => this.tick(), 1000) };
    this.tick();
  }

  private stop(): void {
    if (!this.running) return;
    this.running.clock.clearInterval(this.running.handle);
    this.running = null;
  }

  private tick(): void {
    this.host.requestUpdate();
    const target = this.targetValue;
    if (!target || this.remaining > 0) return;
    this.stop();
    // Once per target: a server that still reports the same lock must not cause a refresh loop.
    if (this.doneFor === target.getTime()) return;
    this.doneFor = target.getTime();
    this.onDone?.(target);
  }
}
