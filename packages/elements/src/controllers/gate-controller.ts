/**
 * Connects a Lit element to a gate: subscribes while the element is connected, re-renders it
 * on every change, and lets it react to transitions. One line in the host:
 * `private gateCtl = new GateController(this, (state, previous) => …)`, and in `render()`
 * `this.gateCtl.render({ 'challenge-required': (state) => …, locked: (state) => … })`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { initialGateState, type Gate, type GateListener, type GateState } from '@totp-gate/core';

/**
 * A renderer per gate status, each given the state of its status with that status's fields
 * (as Lit Task's `render(renderers)` gives `complete` its value). Statuses left out render nothing.
 */
export type GateRenderers<R> = {
  [S in GateState['status']]?: (state: Extract<GateState, { status: S }>) => R;
};

export class GateController implements ReactiveController {
  private gateValue: Gate | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;

  constructor(
    protected readonly host: ReactiveControllerHost,
    private readonly onChange?: GateListener,
  ) {
    host.addController(this);
  }

  /** The gate followed; setting another one moves the subscription. */
  get gate(): Gate | undefined {
    return this.gateValue;
  }

  set gate(gate: Gate | undefined) {
    if (gate === this.gateValue) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.gateValue = gate;
    if (this.connected) this.subscribe();
    this.host.requestUpdate();
  }

  /** The gate's current state (`checking` while there is no gate). */
  get state(): GateState {
    return this.gateValue?.getState() ?? initialGateState;
  }

  /** What the renderer of the current status returns (undefined when there is none for it). */
  render<R>(renderers: GateRenderers<R>): R | undefined {
    const state = this.state;
    return (renderers[state.status] as ((state: GateState) => R) | undefined)?.(state);
  }

  hostConnected(): void {
    this.connected = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private subscribe(): void {
    if (!this.gateValue || this.unsubscribe) return;
    this.unsubscribe = this.gateValue.subscribe((state, previous) => {
      this.host.requestUpdate();
      this.onChange?.(state, previous);
    });
  }
}
