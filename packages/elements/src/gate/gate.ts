/**
 * `<totp-gate>`: the element most apps need. It wraps the protected app and shows the step the
 * gate is in until the second factor has passed.
 *
 * One file past 300 lines because it is the one place that owns a gate's life in the page: making
 * or adopting the gate, answering its steps' `totp-step` events, custom states, focus on each
 * transition and what shows above the app. Splitting it would spread one lifecycle over modules
 * that each need the element's private state; the steps themselves are their own elements.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { createGate, isOpen, type Gate, type GateState, type TotpBackend } from '@totp-gate/core';
import { createHttpBackend } from '@totp-gate/core/http';
import { GateController } from '../controllers/gate-controller.js';
import { TotpStateChangeEvent } from '../events.js';
import { baseStyles } from '../styles/base.js';
import { TotpElement } from '../totp-element.js';
import '../challenge/challenge.js';
import { systemClock, type TotpClock } from '../shared/clock.js';
import { formatDate, formatDateTime } from '../shared/format.js';
import { answerSteps, fireTransitionEvents } from '../shared/gate-events.js';
import { gateStyles } from './gate.styles.js';

/** How long the gate waits for the first answer before it shows the checking step, by default. */
const CHECKING_DELAY_MS = 200;

/** Which part of the UI a state is shown by; focus moves when it changes. */
type Step = 'checking' | 'enroll' | 'recovery-codes' | 'challenge' | 'failed' | 'open';

function stepOf(state: GateState): Step {
  switch (state.status) {
    case 'checking':
      return 'checking';
    case 'enrollment-required':
    case 'enrolling':
      return 'enroll';
    case 'recovery-codes':
      return 'recovery-codes';
    case 'challenge-required':
    case 'locked':
      return 'challenge';
    case 'failed':
      return 'failed';
    default:
      return 'open';
  }
}

/** The app's headings: the gate's light DOM, minus what goes into the named slots. */
const APP_HEADING = ':is(h1,h2,h3,h4,h5,h6,[role=heading]):not(:scope>[slot],:scope>[slot] *)';

/** A step rendered by another element, which knows where its own heading is. */
interface StepElement extends HTMLElement {
  updateComplete?: Promise<unknown>;
  focusHeading?: () => void;
}

/**
 * Makes two-factor authentication mandatory around an app: the default slot (the protected app)
 * is rendered only once the gate is `verified`, `exempt` or `deferred`. Before that the slot is
 * not in the rendered tree at all, not merely hidden. This decides what the user sees; the
 * server's guard decides what data they get.
 *
 * Give it `endpoint` (the REST contract's base path), a `.backend` adapter, or a `.gate` made
 * with `createGate`. A gate it creates itself is disposed when the element leaves the page,
 * which drops any pending secret and recovery codes from memory.
 *
 * @summary Shows enrollment, recovery codes, the sign-in challenge or a lock-out until the second factor passes, then the app.
 *
 * @slot - The protected app. Rendered only when the gate is verified, exempt or deferred.
 * @slot logo - A logo above every step.
 * @slot header - A header above every step (next to the logo), e.g. the app's name.
 * @slot help - Help text under every step, e.g. how to reach support.
 * @slot sign-out - A sign-out control under every step.
 *
 * @fires totp-state-change - The gate moved to another state (`event.state`, `event.previous`); also on busy and error changes.
 * @fires totp-enrolled - An authenticator app was set up for the account.
 * @fires totp-verified - The second factor passed in this page (`event.method`: `code`, `recovery-code` or `enrollment`).
 * @fires totp-locked - Too many failures locked the account (`event.retryAt`, null when only an administrator can unlock).
 * @fires totp-error - An action failed (`event.error.code` is a stable code; never carries a secret or a code).
 *
 * @csspart base - The wrapper of everything the element renders.
 * @csspart header - The row holding the `logo` and `header` slots.
 * @csspart step - The card around the current step.
 * @csspart footer - The row holding the `help` and `sign-out` slots.
 * @csspart heading - The heading of the checking and failed steps.
 * @csspart progress - The "checking your sign-in" indicator.
 * @csspart error - The message of the failed step.
 * @csspart retry - The "Try again" button of the failed step.
 * @csspart banner - The deferred-enrollment banner above the app.
 * @csspart notice - The exemption notice above the app.
 * @csspart enroll - The `<totp-enroll>` element of the enrollment steps.
 * @csspart challenge - The `<totp-challenge>` element of the sign-in and lock-out steps.
 * @csspart recovery-codes - The `<totp-recovery-codes>` element shown after enrollment.
 *
 * @cssproperty --totp-color-accent - Buttons, links and focus ring.
 * @cssproperty --totp-color-text - Text.
 * @cssproperty --totp-color-muted - Secondary text.
 * @cssproperty --totp-color-bg - Background of the step card.
 * @cssproperty --totp-color-surface - Background of the banner and notice.
 * @cssproperty --totp-color-border - Borders.
 * @cssproperty --totp-color-danger - Error text.
 * @cssproperty --totp-radius - Corner radius.
 * @cssproperty --totp-space - Base spacing.
 * @cssproperty --totp-font-family - Font.
 * @cssproperty --totp-focus-ring - Box shadow of focused controls.
 * @cssproperty --totp-gate-max-inline-size - Widest the step card gets (32rem by default).
 *
 * When the gate opens after a step the person saw (a code, a recovery code, "Continue" after the
 * recovery codes, "Later"), focus moves to the app's first heading, or to `focus-target`, so it
 * does not fall to the page's body and screen readers announce where the person landed. It does
 * not move when the page loads already open, nor when the app has put focus somewhere itself.
 *
 * @example
 * ```html
 * <totp-gate endpoint="/api/totp">
 *   <img slot="logo" src="/logo.svg" alt="Acme" />
 *   <main>The protected app</main>
 * </totp-gate>
 * ```
 */
export class TotpGate extends TotpElement {
  static override styles = [baseStyles, gateStyles];
  static override properties = {
    endpoint: { type: String },
    backend: { attribute: false },
    gate: { attribute: false },
    clock: { attribute: false },
    autoSubmit: { type: Boolean, attribute: 'auto-submit' },
    hideExemptNotice: { type: Boolean, attribute: 'hide-exempt-notice' },
    focusTarget: { type: String, attribute: 'focus-target' },
    checkingDelay: { type: Number, attribute: 'checking-delay' },
  };

  /** Base path of the REST contract (e.g. `/api/totp`); the element creates the HTTP adapter. */
  endpoint: string | undefined = undefined;
  /** An adapter to use instead of `endpoint`. */
  backend: TotpBackend | undefined = undefined;
  /** A gate to follow instead of creating one; the element never disposes a gate it was given. */
  gate: Gate | undefined = undefined;
  /** The time source of the lock-out countdown (tests and server-aligned clocks). */
  clock: TotpClock = systemClock;
  /** Submit codes as soon as all digits are typed. */
  autoSubmit = false;
  /** Do not show the exemption notice above the app. */
  hideExemptNotice = false;
  /**
   * Where focus goes when the gate opens after a step: a CSS selector matched in the app (the
   * gate's light DOM), e.g. `#title`. By default the app's first heading (`h1`–`h6` or
   * `role="heading"`), else the app's root element.
   */
  focusTarget: string | undefined;
  /**
   * How long, in ms, the gate waits for the server's first answer before it shows "Checking your
   * sign-in…". Until then it draws nothing (the app stays out), so a quick answer goes straight
   * to its step: no progress message flashes first, and the page lays out one screen instead of
   * two. `0` shows the message at once; a value that is not a number ≥ 0 (or one past a timer's
   * longest delay, 2³¹ − 1) counts as 200.
   */
  checkingDelay = CHECKING_DELAY_MS;

  private readonly internals: ElementInternals = this.attachInternals();
  private readonly gateCtl = new GateController(this, (state, previous) => this.onTransition(state, previous));
  /** The gate this element created, and from what, so it is rebuilt only when that changes. */
  private owned: { gate: Gate; source: TotpBackend | string } | undefined;
  private shownStep: Step | undefined;
  /** Whether the checking step may show (its delay has passed), and the timer that waits for it. */
  private checkingShown = false;
  private checkingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Who the gate is about, kept from earlier states to name the recovery codes file. */
  private who: { issuer: string; account: string } = { issuer: '', account: '' };

  /**
   * Asks the server where the user stands again. Call it when your own API answers
   * `403 totp-required` (the verification expired, or a sensitive route asked for a fresh code:
   * S43), and if you like when the page is shown again (`visibilitychange`): the gate then
   * shows the code field instead of the app. The gate does not listen by itself, which keeps
   * the sign-in path small.
   */
  refresh(): Promise<GateState | undefined> {
    return Promise.resolve(this.gateCtl.gate?.refresh());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The steps rendered here leave the gate's events to this element (before they render).
    answerSteps(this.renderRoot);
    this.connectGate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.checkingTimer);
    this.checkingTimer = undefined;
    this.dropOwnedGate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('gate') || changed.has('backend') || changed.has('endpoint')) this.connectGate();
    // The enrollment elements (and, through them, the QR code) load only for users who enroll.
    const step = stepOf(this.gateCtl.state);
    if (step === 'enroll' || step === 'recovery-codes') void import('./enrollment-steps.js');
    if (step !== 'checking') {
      clearTimeout(this.checkingTimer);
      this.checkingTimer = undefined;
      this.checkingShown = false;
    } else if (!this.checkingShown) {
      const ms = this.checkingDelay;
      // Not a number from 0 to the longest delay setTimeout takes (it fires at once past that).
      const delay = ms >= 0 && ms < 2 ** 31 ? ms : CHECKING_DELAY_MS;
      if (delay === 0) this.checkingShown = true;
      else {
        this.checkingTimer ??= setTimeout(() => {
          this.checkingShown = true;
          this.requestUpdate();
        }, delay);
      }
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const state = this.gateCtl.state;
    this.syncCustomStates(state);
    const step = stepOf(state);
    if (step !== this.shownStep) {
      // Into the app too when it opens after a step, but not on a load that finds it open.
      const shown = this.shownStep;
      this.shownStep = step;
      if (step !== 'checking' && (step !== 'open' || (shown && shown !== 'checking'))) void this.focusStep();
    }
  }

  private connectGate(): void {
    if (!this.isConnected) return;
    if (this.gate) {
      this.dropOwnedGate();
      this.gateCtl.gate = this.gate;
      return;
    }
    const source = this.backend ?? (this.endpoint || undefined);
    if (this.owned && this.owned.source === source) {
      this.gateCtl.gate = this.owned.gate;
      return;
    }
    this.dropOwnedGate();
    if (source === undefined) {
      this.gateCtl.gate = undefined;
      return;
    }
    const backend = typeof source === 'string' ? createHttpBackend({ baseUrl: source }) : source;
    const gate = createGate({ backend });
    this.owned = { gate, source };
    this.gateCtl.gate = gate;
  }

  private dropOwnedGate(): void {
    if (!this.owned) return;
    const { gate } = this.owned;
    this.owned = undefined;
    if (this.gateCtl.gate === gate) this.gateCtl.gate = undefined;
    // Drops the pending secret and the recovery codes (S36) and ignores late answers.
    gate.dispose();
  }

  private onTransition(state: GateState, previous: GateState): void {
    if (state.status === 'enrolling') this.who = { issuer: state.enrollment.issuer, account: state.enrollment.account };
    else if ('issuer' in state && typeof state.issuer === 'string' && typeof state.account === 'string') {
      this.who = { issuer: state.issuer, account: state.account };
    }
    this.dispatchEvent(new TotpStateChangeEvent(state, previous));
    fireTransitionEvents(this, state, previous);
  }

  private syncCustomStates(state: GateState): void {
    const states = this.internals.states as CustomStateSet | undefined;
    if (!states) return;
    states.clear();
    try {
      states.add(state.status);
      if (state.busy) states.add('busy');
      if (state.error) states.add('error');
      if (isOpen(state)) states.add('open');
    } catch {
      // Browsers from before CSS custom state names were plain identifiers: styling hooks only.
    }
  }

  /**
   * Moves focus to the heading of the step just shown, or into the app when it opens, so screen
   * readers announce where the person is and focus never falls to the body (WCAG 2.4.3).
   */
  private async focusStep(): Promise<void> {
    await this.updateComplete;
    const child = this.renderRoot.querySelector<StepElement>('[data-step]');
    if (child) {
      await customElements.whenDefined(child.localName);
      await child.updateComplete;
      child.focusHeading?.();
      return;
    }
    if (!isOpen(this.gateCtl.state)) return this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    await new Promise(requestAnimationFrame);
    const active = document.activeElement;
    // The app (or the person) has put focus somewhere already.
    if (active !== document.body && active !== this) return;
    // Else the app's root element (an app in a shadow root can delegate focus from there).
    const target =
      this.querySelector<HTMLElement>(this.focusTarget || APP_HEADING) ?? this.querySelector(':scope>:not([slot])');
    if (!target) return;
    // A heading is not focusable by itself; whatever already is keeps its place in the tab order.
    if (target.tabIndex < 0) target.tabIndex = -1;
    target.focus();
  }

  override render(): TemplateResult {
    const state = this.gateCtl.state;
    if (isOpen(state)) {
      return html`<div part="base" class="open">${this.renderAboveApp(state)}<slot></slot></div>`;
    }
    // The first answer may be on its way: nothing yet, then the progress message (checkingDelay).
    if (state.status === 'checking' && !this.checkingShown) {
      return html`<div part="base" class="gate" aria-busy="true"></div>`;
    }
    const busy = state.busy || state.status === 'checking';
    return html`
      <div part="base" class="gate" aria-busy=${busy ? 'true' : 'false'}>
        <div part="header" class="header"><slot name="logo"></slot><slot name="header"></slot></div>
        <div part="step" class="step">${this.renderStep(state)}</div>
        <div part="footer" class="footer"><slot name="help"></slot><slot name="sign-out"></slot></div>
      </div>
    `;
  }

  private renderStep(state: GateState): TemplateResult {
    const shared = { gate: this.gateCtl.gate, lang: this.locale };
    switch (state.status) {
      case 'enrollment-required':
      case 'enrolling':
        return html`<totp-enroll
          data-step
          part="enroll"
          lang=${shared.lang}
          .gate=${shared.gate}
          .messages=${this.messages}
          ?auto-submit=${this.autoSubmit}
        ></totp-enroll>`;
      case 'recovery-codes':
        return html`<totp-recovery-codes
          data-step
          part="recovery-codes"
          lang=${shared.lang}
          .codes=${state.recoveryCodes}
          .issuer=${this.who.issuer}
          .account=${this.who.account}
          .messages=${this.messages}
          @totp-recovery-codes-acknowledged=${this.onAcknowledged}
        ></totp-recovery-codes>`;
      case 'challenge-required':
      case 'locked':
        return html`<totp-challenge
          data-step
          part="challenge"
          lang=${shared.lang}
          .gate=${shared.gate}
          .clock=${this.clock}
          .messages=${this.messages}
          ?auto-submit=${this.autoSubmit}
        ></totp-challenge>`;
      case 'failed':
        return this.renderFailed(state);
      default:
        return html`<div part="progress" class="checking" role="status">
          <span class="spinner" aria-hidden="true"></span><span>${this.t('checking')}</span>
        </div>`;
    }
  }

  private renderFailed(state: Extract<GateState, { status: 'failed' }>): TemplateResult {
    // While retrying, the reducer clears the error; the button then shows progress.
    const error = state.error as GateState['error'];
    return html`
      <h2 tabindex="-1" part="heading">${this.t('failedTitle')}</h2>
      <p part="error" class="error" role="alert">${error ? this.errorText(error) : ''}</p>
      <button
        part="retry"
        type="button"
        aria-disabled=${state.busy ? 'true' : 'false'}
        @click=${() => {
          if (!this.gateCtl.state.busy) void this.gateCtl.gate?.refresh();
        }}
      >
        ${this.t('tryAgain')}
      </button>
      ${state.busy ? html`<p class="muted" role="status">${this.t('checking')}</p>` : nothing}
    `;
  }

  private renderAboveApp(state: GateState): TemplateResult | typeof nothing {
    if (state.status === 'deferred') {
      return html`
        <div part="banner" class="banner" role="region" aria-label=${this.t('enrollTitle')}>
          <p>${this.t('deferredBanner', { date: formatDateTime(state.graceEndsAt, this.locale) })}</p>
          <button
            type="button"
            aria-disabled=${state.busy ? 'true' : 'false'}
            @click=${() => {
              if (!this.gateCtl.state.busy) void this.gateCtl.gate?.startEnrollment();
            }}
          >
            ${this.t('setUpNow')}
          </button>
          <p class="error" role="alert">${state.error ? this.errorText(state.error) : ''}</p>
        </div>
      `;
    }
    if (state.status === 'exempt' && !this.hideExemptNotice) {
      return html`
        <div part="notice" class="notice" role="note">
          <p>
            ${state.reason ? this.t('exemptNotice', { reason: state.reason }) : this.t('exemptNoticeNoReason')}
            ${state.expiresAt ? this.t('exemptUntil', { date: formatDate(state.expiresAt, this.locale) }) : ''}
          </p>
        </div>
      `;
    }
    return nothing;
  }

  private onAcknowledged(): void {
    void this.gateCtl.gate?.acknowledgeRecoveryCodes();
  }
}

if (!customElements.get('totp-gate')) customElements.define('totp-gate', TotpGate);

declare global {
  interface HTMLElementTagNameMap {
    'totp-gate': TotpGate;
  }
}
