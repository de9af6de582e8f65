/**
 * `<totp-challenge>`: the code asked for at every sign-in, with attempts left, the lock-out
 * countdown and the recovery-code way in.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Gate, GateState, TotpGateError } from '@totp-gate/core';
import '../code-input/code-input.js';
import type { TotpCodeInput } from '../code-input/code-input.js';
import { systemClock, type TotpClock } from '../shared/clock.js';
import type { CountdownController } from '../shared/countdown-controller.js';
import { StepController } from '../shared/step-controller.js';
import { stepStyles } from '../shared/step.styles.js';
import { baseStyles } from '../styles/base.js';
import { TotpElement } from '../totp-element.js';
import type * as Views from './challenge-views.js';
import { challengeStyles } from './challenge.styles.js';

type View = 'code' | 'recovery' | 'locked';
type Challenge = Extract<GateState, { status: 'challenge-required' }>;
type Locked = Extract<GateState, { status: 'locked' }>;

/** Attempts-left is worth a line once few are left; after a wrong code it is always said. */
const FEW_ATTEMPTS = 3;

let views: typeof Views | undefined;
let loadingViews: Promise<unknown> | undefined;

/**
 * Loads the recovery-code and lock-out views once (challenge-views.ts), with the steps `<totp-gate>`
 * loads lazily: one lazy chunk keeps the code shared with the sign-in path in one chunk (bundlers
 * split shared code by the set of chunks that use it). A failed download may be retried.
 */
function loadViews(): Promise<unknown> {
  loadingViews ??= import('../gate/enrollment-steps.js').then(
    (module) => (views = module),
    (error: unknown) => {
      loadingViews = undefined;
      throw error;
    },
  );
  return loadingViews;
}

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
 * @csspart remember - The "Don't ask again on this device" checkbox, shown only when the server offers it.
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
    gate: { attribute: false },
    clock: { attribute: false },
    autoSubmit: { type: Boolean, attribute: 'auto-submit' },
    recoveryMode: { state: true },
    dismissedError: { state: true },
  };

  /** The gate to verify against. */
  gate: Gate | undefined = undefined;
  /** The time source of the lock-out countdown. */
  clock: TotpClock = systemClock;
  /** Submit as soon as all digits are typed. */
  autoSubmit = false;
  private recoveryMode = false;
  /** The error the user has moved on from (by typing or switching the way in). */
  private dismissedError: TotpGateError | undefined;

  private readonly gateCtl = new StepController<View, Challenge>(this, {
    view: (state) =>
      state.status !== 'challenge-required' && state.status !== 'locked'
        ? undefined
        : this.recoveryMode && this.offersRecovery(state)
          ? 'recovery'
          : state.status === 'locked'
            ? 'locked'
            : 'code',
    codeError: (state, error) => this.errorText(error, { digits: state.digits ?? 6 }, state.attemptsLeft),
    transition: (state, previous) => {
      // Someone who chose a recovery code during a lock-out keeps the form (and what they typed) when it ends.
      const lockEnded = previous.status === 'locked' && state.status === 'challenge-required';
      if (state.status !== previous.status && !lockEnded) this.recoveryMode = false;
    },
  });
  /** The lock-out countdown, made with the lock-out view the first time one shows. */
  private countdown: CountdownController | undefined;
  /** Settles once the views this element is showing have loaded (see getUpdateComplete). */
  #viewsLoaded: Promise<unknown> = Promise.resolve();
  /** What the server last said about recovery codes left (kept through a lock-out, which does not say it). */
  private recoveryCodesLeft: number | null = null;

  /** Moves focus to the step's heading (what `<totp-gate>` does when the step appears). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
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

  /** Resolves once the element has rendered, with the recovery-code or lock-out view in place once it has loaded. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    await this.#viewsLoaded.catch(() => undefined);
    done = (await super.getUpdateComplete()) && done;
    return done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('gate')) this.gateCtl.gate = this.gate;
    const state = this.gateCtl.state;
    const view = this.gateCtl.view;
    // The "Don't ask again on this device" box, when the server offers it, comes with those views.
    if (
      !views &&
      (view === 'recovery' || view === 'locked' || (state.status === 'challenge-required' && state.rememberDays))
    ) {
      // Until they arrive the view shows its heading; a failed download leaves the heading and
      // retries on the next update.
      this.#viewsLoaded = loadViews().then(() => this.requestUpdate());
    }
    if (views && state.status === 'locked') {
      this.countdown ??= new views.CountdownController(
        this,
        () => this.clock,
        () => void this.gateCtl.gate?.refresh(),
      );
    }
    if (this.countdown) this.countdown.target = state.status === 'locked' ? state.retryAt : null;
    if (state.status === 'challenge-required') this.recoveryCodesLeft = state.recoveryCodesLeft;
  }

  override render(): TemplateResult {
    const recovery = this.gateCtl.view === 'recovery';
    return this.gateCtl.renderView(this.t('checking'), {
      'challenge-required': (state) => (recovery ? this.renderRecovery(state) : this.renderCode(state)),
      locked: (state) =>
        recovery
          ? this.renderRecovery(state)
          : this.renderLazyView('lockedTitle', state, (c) => views!.lockedView(c, state)),
    });
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
          ${state.rememberDays && views ? views.rememberBox((k, p) => this.t(k, p), state.rememberDays) : nothing}
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
    return this.renderLazyView('recoveryTitle', state, (c) => views!.recoveryView(c, state));
  }

  /**
   * The recovery-code or lock-out view: its heading at once (focus and the announcement do not
   * wait), the rest once challenge-views.ts has loaded.
   */
  private renderLazyView(
    title: 'recoveryTitle' | 'lockedTitle',
    state: Challenge | Locked,
    view: (c: Views.ChallengeViewContext) => TemplateResult,
  ): TemplateResult {
    // No whitespace around the lazy part: the view's own template starts and ends there.
    return html`<div part="base" class="base">
      <h2 tabindex="-1" part="heading">${this.t(title)}</h2>
      ${views ? view(this.viewContext(state)) : nothing}
    </div>`;
  }

  /** What the recovery-code and lock-out views need from this element. */
  private viewContext(state: Challenge | Locked): Views.ChallengeViewContext {
    return {
      t: (key, params) => this.t(key, params),
      errorText: (error) => this.errorText(error),
      withAttemptsLeft: (text, attemptsLeft) => this.withAttemptsLeft(text, attemptsLeft),
      gate: this.gateCtl.gate,
      locale: this.locale,
      now: this.clock.now(),
      countdown: this.countdown ?? { done: false, remaining: 0 },
      recoveryCodesLeft: this.recoveryCodesLeft,
      dismissedError: this.dismissedError,
      switchButton: (recovery) => (recovery && !this.offersRecovery(state) ? nothing : this.renderSwitch(recovery)),
      dismissError: () => (this.dismissedError = this.gateCtl.state.error),
    };
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
    const remember = this.renderRoot.querySelector<HTMLInputElement>('[part=remember]');
    void gate.verify(input?.value ?? '', { rememberDevice: remember?.checked });
  }
}

if (!customElements.get('totp-challenge')) customElements.define('totp-challenge', TotpChallenge);

declare global {
  interface HTMLElementTagNameMap {
    'totp-challenge': TotpChallenge;
  }
}
