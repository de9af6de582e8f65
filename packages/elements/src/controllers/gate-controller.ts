/**
 * Connects a Lit element to a gate: subscribes while the element is connected, re-renders it
 * on every change, and lets it react to transitions. One line in the host:
 * `private gateCtl = new GateController(this, (state, previous) => …)`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { initialGateState, type Gate, type GateListener, type GateState } from '@totp-gate/core';

export class GateController implements ReactiveController {
  private gateValue: Gate | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
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
