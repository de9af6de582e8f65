/**
 * What the step elements (`<totp-enroll>`, `<totp-challenge>`) share, on top of following the
 * gate: knowing which view is on screen, moving focus to the step's heading when the view changes
 * (not on the first render: the page's focus is the page's), pushing the gate's error into the
 * code field once per error (so typing can clear it), firing the transition events when the
 * element stands alone (inside `<totp-gate>` the gate fires them), and the checking and empty views.
 */
import { html, type ReactiveElement, type TemplateResult } from 'lit';
import type { GateState, TotpGateError } from '@totp-gate/core';
import type { TotpCodeInput } from '../code-input/code-input.js';
import { GateController, type GateRenderers } from '../controllers/gate-controller.js';
import { fireTransitionEvents, isInsideGate } from './gate-events.js';

/** The two views every step has: waiting for the gate's first answer, and nothing to show. */
type Idle = 'checking' | 'none';

/** A step element: it moves focus to its own heading (what `<totp-gate>` calls too). */
interface StepHost extends ReactiveElement {
  focusHeading(): void;
}

export interface StepOptions<View extends string, CodeState extends GateState> {
  /**
   * The view the state calls for, given the view on screen; undefined for the checking view
   * (when there is a gate) or none.
   */
  view(state: GateState, shown: View | Idle | undefined): View | Idle | undefined;
  /** The code field's text for an error (the field shows only in `CodeState`). */
  codeError(state: CodeState, error: TotpGateError): string;
  /** The gate moved on; called before the transition's events fire. */
  transition(state: GateState, previous: GateState): void;
  /** Another view is on screen; `first` on the element's first render. */
  shown?(view: View | Idle, first: boolean): void;
}

export class StepController<View extends string, CodeState extends GateState> extends GateController {
  /** The view on screen, undefined before the first render. */
  private shown: View | Idle | undefined;
  private pushedError: TotpGateError | undefined;

  constructor(
    host: StepHost,
    private readonly options: StepOptions<View, CodeState>,
  ) {
    super(host, (state, previous) => {
      options.transition(state, previous);
      if (!isInsideGate(host)) fireTransitionEvents(host, state, previous);
    });
  }

  /** The view the gate's state calls for now. */
  get view(): View | Idle {
    const state = this.state;
    return this.options.view(state, this.shown) ?? (state.status === 'checking' && this.gate ? 'checking' : 'none');
  }

  /**
   * The step's renderers for its views (by status); else the checking view (its text is
   * `checking`) or the empty one.
   */
  renderView(checking: string, renderers: GateRenderers<TemplateResult>): TemplateResult {
    const view = this.view;
    if (view === 'checking') return html`<div part="base"><p class="muted" role="status">${checking}</p></div>`;
    return (view !== 'none' && this.render(renderers)) || html`<div part="base"></div>`;
  }

  hostUpdated(): void {
    const host = this.host as StepHost;
    const view = this.view;
    if (view !== this.shown) {
      const first = this.shown === undefined;
      this.shown = view;
      this.pushedError = undefined;
      if (!first && view !== 'none' && view !== 'checking') host.focusHeading();
      this.options.shown?.(view, first);
    }
    const { error } = this.state;
    if (error === this.pushedError) return;
    this.pushedError = error;
    // The code field is rendered only in CodeState (the challenge's code view, the enrollment's setup step).
    host.renderRoot
      .querySelector<TotpCodeInput>('totp-code-input')
      ?.showError(error ? this.options.codeError(this.state as CodeState, error) : '');
  }
}
