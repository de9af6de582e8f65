/**
 * `<totp-challenge>`: the code asked for at every sign-in, with attempts left, the lock-out
 * countdown and the recovery-code way in.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Gate, GateState, TotpGateError } from '@totp-gate/core';
import '../code-input/code-input.js';
import type { TotpCodeInput } from '../code-input/code-input.js';
import { GateController } from '../controllers/gate-controller.js';
import { systemClock, type TotpClock } from '../gate/clock.js';
import { CountdownController } from '../gate/countdown-controller.js';
import { formatDuration, formatTime } from '../gate/format.js';
import { isInsideGate, noteVerifyMethod, transitionEvents } from '../gate/gate-events.js';
import { stepStyles } from '../gate/step.styles.js';
import { baseStyles } from '../styles/base.js';
import { TotpElement } from '../totp-element.js';
import { challengeStyles } from './challenge.styles.js';

type View = 'code' | 'recovery' | 'locked' | 'checking' | 'none';
type Challenge = Extract<GateState, { status: 'challenge-required' }>;
type Locked = Extract<GateState, { status: 'locked' }>;

/** Attempts-left is worth a line once few are left; after a wrong code it is always said. */
const FEW_ATTEMPTS = 3;

/**
 * Recovery codes are shown as `xxxxx-xxxxx`; people type them with or without the dash, with
 * spaces, or paste them with a trailing newline. The dash is put back when it was left out.
 */
export function normalizeRecoveryCode(input: string): string {
  const compact = input.replace(/\s+/g, '');
  return /^[a-z0-9]{10}$/i.test(compact) ? `${compact.slice(0, 5)}-${compact.slice(5)}` : compact;
}

/**
 * The second step of every sign-in: a code from the authenticator app. Shows how many attempts
 * are left before a lock-out, counts down a lock-out live and refreshes when it ends, and offers
 * "Use a recovery code" when the backend declares recovery codes (`gate.capabilities`).
 * Used by `<totp-gate>`, or on its own with a `.gate`.
 *
 * @summary Sign-in code entry with attempts left, a lock-out countdown and a recovery-code path.
 *
 * @fires totp-verified - Standalone only (inside `<totp-gate>` the gate fires it): the code or recovery code passed.
 * @fires totp-locked - Standalone only: too many failures locked the account.
 * @fires totp-error - Standalone only: an action failed (`event.error.code`).
 *
 * @csspart base - The wrapper of the step.
 * @csspart heading - The step's heading (it receives focus when the step appears).
 * @csspart intro - The sentence naming the issuer and account.
 * @csspart code-input - The `<totp-code-input>`.
 * @csspart verify - The Verify button (both ways in).
 * @csspart switch - The "Use a recovery code" / "Use your authenticator app" button.
 * @csspart recovery-label - The recovery code field's label.
 * @csspart recovery-input - The recovery code field.
 * @csspart error - The recovery code error message.
 * @csspart countdown - The live lock-out countdown.
 * @csspart retry - The "Try again" button once a lock-out is over.
 *
 * @cssproperty --totp-color-accent - Buttons, links and focus ring.
 * @cssproperty --totp-color-danger - Error text.
 * @cssproperty --totp-color-border - Field border.
 * @cssproperty --totp-radius - Corner radius.
 */
export class TotpChallenge extends TotpElement {
  static override styles = [baseStyles, stepStyles, challengeStyles];
  static override properties = {
    ...TotpElement.properties,
    gate: { attribute: false },
    clock: { attribute: false },
    autoSubmit: { type: Boolean, attribute: 'auto-submit' },
    recoveryMode: { state: true },
    dismissedError: { state: true },
  };

  /** The gate to verify against. */
  declare gate: Gate | undefined;
  /** The time source of the lock-out countdown. */
  declare clock: TotpClock;
  /** Submit as soon as all digits are typed. */
  declare autoSubmit: boolean;
  declare private recoveryMode: boolean;
  /** The error the user has moved on from (by typing or switching the way in). */
  declare private dismissedError: TotpGateError | undefined;

  private readonly gateCtl = new GateController(this, (state, previous) => this.onTransition(state, previous));
  private readonly countdown = new CountdownController(
    this,
    () => this.clock,
    () => void this.gateCtl.gate?.refresh(),
  );
  private shownView: View | undefined;
  private pushedError: TotpGateError | undefined;
  /** What the server last said about recovery codes left (kept through a lock-out, which does not say it). */
  private recoveryCodesLeft: number | null = null;

  constructor() {
    super();
    this.gate = undefined;
    this.clock = systemClock;
    this.autoSubmit = false;
    this.recoveryMode = false;
    this.dismissedError = undefined;
  }

  /** Moves focus to the step's heading (what `<totp-gate>` does when the step appears). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private get view(): View {
    const state = this.gateCtl.state;
    if (state.status === 'checking') return this.gateCtl.gate ? 'checking' : 'none';
    if (state.status !== 'challenge-required' && state.status !== 'locked') return 'none';
    if (this.recoveryMode && this.offersRecovery(state)) return 'recovery';
    return state.status === 'locked' ? 'locked' : 'code';
  }

  /**
   * The recovery-code way in: declared by the backend, and not when the server says none are left.
   * A timed lock-out offers it too: the form can be filled in while the countdown runs, and the
   * code is sent once the lock ends (recovery codes are throttled with app codes, S20). Only an
   * administrator ends a lock without an end, so no code is offered then.
   */
  private offersRecovery(state: Challenge | Locked): boolean {
    const timed = state.status !== 'locked' || state.retryAt !== null;
    return (this.gateCtl.gate?.capabilities.recoveryCodes ?? false) && this.recoveryCodesLeft !== 0 && timed;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('gate')) this.gateCtl.gate = this.gate;
    const state = this.gateCtl.state;
    this.countdown.target = state.status === 'locked' ? state.retryAt : null;
    if (state.status === 'challenge-required') this.recoveryCodesLeft = state.recoveryCodesLeft;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const view = this.view;
    if (view !== this.shownView) {
      const first = this.shownView === undefined;
      this.shownView = view;
      this.pushedError = undefined;
      if (!first && view !== 'none' && view !== 'checking') this.focusHeading();
    }
    this.pushCodeError();
  }

  /**
   * The code field shows the error itself (announced and linked to the field). It is pushed
   * once per error, so the field can drop it as soon as the person types again.
   */
  private pushCodeError(): void {
    const state = this.gateCtl.state;
    if (state.error === this.pushedError) return;
    this.pushedError = state.error;
    const input = this.renderRoot.querySelector<TotpCodeInput>('totp-code-input');
    if (!input || state.status !== 'challenge-required') return;
    input.showError(state.error ? this.codeErrorText(state, state.error) : '');
  }

  private codeErrorText(state: Challenge, error: TotpGateError): string {
    return this.errorText(error, { digits: state.digits ?? 6 }, state.attemptsLeft);
  }

  private onTransition(state: GateState, previous: GateState): void {
    // Someone who chose a recovery code during a lock-out keeps the form (and what they typed) when it ends.
    const lockEnded = previous.status === 'locked' && state.status === 'challenge-required';
    if (state.status !== previous.status && !lockEnded) this.recoveryMode = false;
    if (isInsideGate(this)) return;
    for (const event of transitionEvents(this.gateCtl.gate, state, previous)) this.dispatchEvent(event);
  }

  override render(): TemplateResult {
    const state = this.gateCtl.state;
    switch (this.view) {
      case 'code':
        return this.renderCode(state as Challenge);
      case 'recovery':
        return this.renderRecovery(state as Challenge | Locked);
      case 'locked':
        return this.renderLocked(state as Locked);
      case 'checking':
        return html`<div part="base"><p class="muted" role="status">${this.t('checking')}</p></div>`;
      default:
        return html`<div part="base"></div>`;
    }
  }

  private renderCode(state: Challenge): TemplateResult {
    const digits = state.digits ?? 6;
    const few = state.attemptsLeft !== null && state.attemptsLeft <= FEW_ATTEMPTS && !state.error;
    return html`
      <div part="base" class="base">
        <h2 tabindex="-1" part="heading">${this.t('challengeTitle')}</h2>
        <p part="intro">${this.t('challengeIntro', { issuer: state.issuer, account: state.account })}</p>
        <form novalidate @submit=${this.onSubmitCode}>
          <totp-code-input
            part="code-input"
            lang=${this.locale}
            .messages=${this.messages}
            .digits=${digits}
            .hint=${few ? this.t('attemptsLeft', { count: state.attemptsLeft ?? 0 }) : this.t('codeHint', { digits })}
            ?auto-submit=${this.autoSubmit}
          ></totp-code-input>
          <div class="actions">
            <button part="verify" type="submit" aria-disabled=${state.busy ? 'true' : 'false'}>
              ${state.busy ? this.t('verifying') : this.t('verify')}
            </button>
          </div>
        </form>
        ${this.offersRecovery(state) ? this.renderSwitch(true) : nothing}
      </div>
    `;
  }

  private renderRecovery(state: Challenge | Locked): TemplateResult {
    const locked = state.status === 'locked';
    // The lock-out error is what brought the person here; the countdown says it instead.
    const error = state.error && state.error !== this.dismissedError && !locked ? state.error : undefined;
    return html`
      <div part="base" class="base">
        <h2 tabindex="-1" part="heading">${this.t('recoveryTitle')}</h2>
        ${locked ? this.renderCountdown(state) : nothing}
        <form novalidate @submit=${this.onSubmitRecovery}>
          <label part="recovery-label" for="recovery">${this.t('recoveryLabel')}</label>
          <p id="recovery-hint" class="muted">
            ${this.t('recoveryHint')}
            ${this.recoveryCodesLeft !== null ? this.t('recoveryCodesLeft', { count: this.recoveryCodesLeft }) : ''}
          </p>
          <input
            id="recovery"
            part="recovery-input"
            type="text"
            autocomplete="off"
            autocapitalize="none"
            spellcheck="false"
            translate="no"
            maxlength="64"
            aria-describedby="recovery-hint recovery-error"
            aria-invalid=${error ? 'true' : 'false'}
            @input=${() => (this.dismissedError = this.gateCtl.state.error)}
          />
          <p id="recovery-error" part="error" class="error" role="alert">
            ${error ? this.recoveryErrorText(state as Challenge, error) : ''}
          </p>
          <div class="actions">
            <button part="verify" type="submit" aria-disabled=${state.busy || locked ? 'true' : 'false'}>
              ${state.busy ? this.t('verifying') : this.t('verify')}
            </button>
          </div>
        </form>
        ${this.renderSwitch(false)}
      </div>
    `;
  }

  private recoveryErrorText(state: Challenge, error: TotpGateError): string {
    if (error.code === 'invalid-code')
      return this.withAttemptsLeft(this.t('errorInvalidRecoveryCode'), state.attemptsLeft);
    // An empty field, or what cannot be a recovery code (a character missing or too many): the server's bad input.
    if (error.code === 'bad-request') return this.t('recoveryCodeMissing');
    return this.errorText(error);
  }

  private renderLocked(state: Locked): TemplateResult {
    return html`
      <div part="base" class="base">
        <h2 tabindex="-1" part="heading">${this.t('lockedTitle')}</h2>
        ${state.retryAt ? this.renderCountdown(state) : html`<p>${this.t('lockedAdmin')}</p>`}
        ${this.offersRecovery(state) ? this.renderSwitch(true) : nothing}
      </div>
    `;
  }

  /** The live countdown of a timed lock-out, then the way to try again. */
  private renderCountdown(state: Locked): TemplateResult {
    const retryAt = state.retryAt!;
    if (this.countdown.done) {
      return html`
        <p role="status">${this.t('lockedOver')}</p>
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
      `;
    }
    // role=timer is not announced on every tick; the end time below is the stable fact.
    return html`
      <p part="countdown" role="timer">
        ${this.t('lockedCountdown', { time: formatDuration(this.countdown.remaining, this.locale) })}
      </p>
      <p class="muted">${this.t('lockedRetryAt', { time: formatTime(retryAt, this.locale, this.clock.now()) })}</p>
    `;
  }

  /** The button that switches between the app code and a recovery code. */
  private renderSwitch(recovery: boolean): TemplateResult {
    return html`<button part="switch" class="link" type="button" @click=${() => this.switchTo(recovery)}>
      ${this.t(recovery ? 'useRecoveryCode' : 'useAuthenticator')}
    </button>`;
  }

  private switchTo(recovery: boolean): void {
    this.dismissedError = this.gateCtl.state.error;
    this.recoveryMode = recovery;
  }

  private onSubmitCode(event: SubmitEvent): void {
    event.preventDefault();
    const gate = this.gateCtl.gate;
    if (!gate || gate.getState().busy) return;
    const input = this.renderRoot.querySelector<TotpCodeInput>('totp-code-input');
    noteVerifyMethod(gate, 'code');
    void gate.verify(input?.value ?? '');
  }

  private onSubmitRecovery(event: SubmitEvent): void {
    event.preventDefault();
    const gate = this.gateCtl.gate;
    // Nothing is sent during a lock-out: the server would refuse it (the countdown says when).
    if (!gate || gate.getState().busy || gate.getState().status !== 'challenge-required') return;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#recovery');
    noteVerifyMethod(gate, 'recovery-code');
    void gate.redeemRecoveryCode(normalizeRecoveryCode(input?.value ?? ''));
  }
}

if (!customElements.get('totp-challenge')) customElements.define('totp-challenge', TotpChallenge);

declare global {
  interface HTMLElementTagNameMap {
    'totp-challenge': TotpChallenge;
  }
}
