/**
 * The rarer views of `<totp-challenge>`: signing in with a recovery code, a lock-out with its
 * live countdown, and the "Don't ask again on this device" box of a server that offers it. The element loads this module (with its English texts and the countdown) the
 * first time one of them shows, so a sign-in with an app code never downloads it. The element
 * renders the view's heading meanwhile, so focus and the screen reader's announcement do not wait.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Gate, GateState, TotpGateError } from '@totp-gate/core';
import { CountdownController } from '../shared/countdown-controller.js';
import { formatDuration, formatTime } from './format-lockout.js';
import { enChallengeViews } from '../messages/en-challenge-views.js';
import type { MessageKey, MessageParams } from '../messages/en.js';
import { addEnglish } from '../messages/localize.js';
import { normalizeRecoveryCode } from './challenge.js';

addEnglish(enChallengeViews);

export { CountdownController };

type Challenge = Extract<GateState, { status: 'challenge-required' }>;
type Locked = Extract<GateState, { status: 'locked' }>;

/** What the views need from their element, given by `<totp-challenge>` at each render. */
export interface ChallengeViewContext {
  t(key: MessageKey, params?: MessageParams): string;
  errorText(error: TotpGateError): string;
  withAttemptsLeft(text: string, attemptsLeft: number | null): string;
  gate: Gate | undefined;
  locale: string;
  now: number;
  countdown: { done: boolean; remaining: number };
  /** What the server last said about recovery codes left. */
  recoveryCodesLeft: number | null;
  /** The error the person has moved on from, not shown again. */
  dismissedError: TotpGateError | undefined;
  /** The "Use a recovery code" / "Use your authenticator app" button. */
  switchButton(recovery: boolean): TemplateResult | typeof nothing;
  /** The person typed: the error shown is theirs to fix, not shown again. */
  dismissError(): void;
}

/**
 * "Don't ask again on this device for N days" (S58), under the code field when the server offers
 * it; `<totp-challenge>` reads `[part=remember]` when the form is sent. Unticked by default.
 */
export function rememberBox(t: ChallengeViewContext['t'], days: number): TemplateResult {
  return html`<p>
    <label><input type="checkbox" part="remember" /> ${t('rememberDevice', { count: days })}</label>
  </p>`;
}

function submitRecovery(c: ChallengeViewContext, event: SubmitEvent): void {
  event.preventDefault();
  const gate = c.gate;
  // Nothing is sent during a lock-out: the server would refuse it (the countdown says when).
  if (!gate || gate.getState().busy || gate.getState().status !== 'challenge-required') return;
  const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('#recovery');
  void gate.redeemRecoveryCode(normalizeRecoveryCode(input?.value ?? ''));
}

/**
 * Signing in with a recovery code, under the view's heading (the element renders it, so it keeps
 * focus when this arrives); during a timed lock-out the form waits under the countdown.
 */
export function recoveryView(c: ChallengeViewContext, state: Challenge | Locked): TemplateResult {
  const locked = state.status === 'locked';
  // The lock-out error is what brought the person here; the countdown says it instead.
  const error = state.error && state.error !== c.dismissedError && !locked ? state.error : undefined;
  return html`${locked ? countdownView(c, state) : nothing}
    <form novalidate @submit=${(event: SubmitEvent) => submitRecovery(c, event)}>
      <label part="recovery-label" for="recovery">${c.t('recoveryLabel')}</label>
      <p id="recovery-hint" class="muted">
        ${c.t('recoveryHint')}
        ${c.recoveryCodesLeft !== null ? c.t('recoveryCodesLeft', { count: c.recoveryCodesLeft }) : ''}
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
        @input=${c.dismissError}
      />
      <p id="recovery-error" part="error" class="error" role="alert">
        ${error ? recoveryErrorText(c, state as Challenge, error) : ''}
      </p>
      <div class="actions">
        <button part="verify" type="submit" aria-disabled=${state.busy || locked ? 'true' : 'false'}>
          ${state.busy ? c.t('verifying') : c.t('verify')}
        </button>
      </div>
    </form>
    ${c.switchButton(false)}`;
}

function recoveryErrorText(c: ChallengeViewContext, state: Challenge, error: TotpGateError): string {
  if (error.code === 'invalid-code') return c.withAttemptsLeft(c.t('errorInvalidRecoveryCode'), state.attemptsLeft);
  // A recovery code that was just used (a double submit, another tab): refused, not counted (S75).
  if (error.code === 'code-reused') return c.t('errorRecoveryCodeReused');
  // An empty field, or what cannot be a recovery code (a character missing or too many): the server's bad input.
  if (error.code === 'bad-request') return c.t('recoveryCodeMissing');
  return c.errorText(error);
}

/** A lock-out, under the view's heading: its countdown (or who can end it), and the recovery-code way in. */
export function lockedView(c: ChallengeViewContext, state: Locked): TemplateResult {
  return html`${state.retryAt ? countdownView(c, state) : html`<p>${c.t('lockedAdmin')}</p>`} ${c.switchButton(true)}`;
}

/** The live countdown of a timed lock-out, then the way to try again. */
function countdownView(c: ChallengeViewContext, state: Locked): TemplateResult {
  if (c.countdown.done) {
    return html`
      <p role="status">${c.t('lockedOver')}</p>
      <button
        part="retry"
        type="button"
        aria-disabled=${state.busy ? 'true' : 'false'}
        @click=${() => {
          if (!c.gate?.getState().busy) void c.gate?.refresh();
        }}
      >
        ${c.t('tryAgain')}
      </button>
    `;
  }
  // role=timer is not announced on every tick; the end time below is the stable fact.
  return html`
    <p part="countdown" role="timer">
      ${c.t('lockedCountdown', { time: formatDuration(c.countdown.remaining, c.locale) })}
    </p>
    <p class="muted">${c.t('lockedRetryAt', { time: formatTime(state.retryAt!, c.locale, c.now) })}</p>
  `;
}
