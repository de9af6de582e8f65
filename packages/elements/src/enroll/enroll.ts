/**
 * `<totp-enroll>`: setting up an authenticator app, from the first button to the confirmed code.
 *
 * One file past 300 lines because its four views (start, QR code, the secret typed by hand, the
 * confirming code) are one step: they share the element's private state (which view, the copy
 * status, the dismissed error) and its handlers, and each is a short render method. The parts
 * that stand alone already live elsewhere: the step machinery in `shared/step-controller.ts`, the
 * QR code in `qr/`, the code field in `code-input/`, the texts in `messages/en-enroll.ts`.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { formatSecret, type Gate, type GateState, type TotpGateError } from '@totp-gate/core';
import '../code-input/code-input.js';
import type { TotpCodeInput } from '../code-input/code-input.js';
import { formatDateTime } from '../shared/format.js';
import { whenIdle } from '../shared/idle.js';
import { StepController } from '../shared/step-controller.js';
import { stepStyles } from '../shared/step.styles.js';
import { prepareQrEncoder } from '../qr/qr.js';
import { enEnroll } from '../messages/en-enroll.js';
import { addEnglish } from '../messages/localize.js';
import { baseStyles } from '../styles/base.js';
import { TotpElement } from '../totp-element.js';
import { enrollStyles } from './enroll.styles.js';

// This element's English texts, which the sign-in elements do not carry.
addEnglish(enEnroll);

type View = 'start' | 'enroll' | 'done';
type Required = Extract<GateState, { status: 'enrollment-required' }>;
type Enrolling = Extract<GateState, { status: 'enrolling' }>;

/**
 * Step-by-step enrollment of an authenticator app: a start button (with "Later" during a grace
 * period), the QR code, the issuer and account as the app will show them, the key in groups of
 * four with a Copy button, a "Can't scan?" view with every setting, the code field, and a clear
 * message for each failure (wrong or reused code, clock off, expired setup, network).
 *
 * The pending secret is read from the gate at render time and exists only as text inside this
 * element's shadow root: never in an attribute or the light DOM. It disappears from the shadow
 * root on success, on cancel and when the element is removed from the page.
 *
 * @summary Enrollment: QR code, key by hand, copy, code check, and an answer to every error.
 *
 * @fires totp-enrolled - Standalone only (inside `<totp-gate>` the gate fires it): the authenticator is set up.
 * @fires totp-verified - Standalone only: enrollment passed without recovery codes to show.
 * @fires totp-error - Standalone only: an action failed (`event.error.code`).
 *
 * @csspart base - The wrapper of the step.
 * @csspart heading - The step's heading (it receives focus when the step appears).
 * @csspart start - The button that starts (or starts again) the enrollment.
 * @csspart later - The "Later" button during a grace period.
 * @csspart password - The password field, for backends that ask for it.
 * @csspart qr - The `<totp-qr>` code.
 * @csspart account - The issuer and account as the authenticator app will show them.
 * @csspart secret - The key in groups of four.
 * @csspart copy - The Copy button.
 * @csspart details - The list of issuer, account, key and settings in the "by hand" view.
 * @csspart warning - The compatibility warning for settings other than SHA1 / 6 digits / 30 s.
 * @csspart switch - The "Can't scan?" / "Scan a QR code instead" button.
 * @csspart code-input - The `<totp-code-input>`.
 * @csspart verify - The Verify button.
 * @csspart cancel - The Cancel button.
 * @csspart error - Errors shown outside the code field (start step).
 * @csspart expiry - The sentence saying how long this setup stays valid.
 *
 * @cssproperty --totp-color-accent - Buttons, links and focus ring.
 * @cssproperty --totp-color-surface - Background of the key.
 * @cssproperty --totp-color-danger - Error and warning text.
 * @cssproperty --totp-code-font-family - Font of the key (monospace by default).
 * @cssproperty --totp-radius - Corner radius.
 */
export class TotpEnroll extends TotpElement {
  static override styles = [baseStyles, stepStyles, enrollStyles];
  static override properties = {
    gate: { attribute: false },
    autoSubmit: { type: Boolean, attribute: 'auto-submit' },
    manual: { state: true },
    copyStatus: { state: true },
    dismissedError: { state: true },
    detached: { state: true },
    passwordMissing: { state: true },
  };

  /** The gate to enroll through. */
  gate: Gate | undefined = undefined;
  /** Submit as soon as all digits are typed. */
  autoSubmit = false;
  /** Whether the "enter the key by hand" view is shown instead of the QR code. */
  private manual = false;
  /** What the last Copy did, said in a live region. */
  private copyStatus: '' | 'copied' | 'failed' = '';
  private dismissedError: TotpGateError | undefined;
  /** Removed from the page: render nothing, so no secret stays in the shadow root (S36). */
  private detached = false;
  /** The password field was submitted empty. */
  private passwordMissing = false;

  private readonly gateCtl = new StepController<View, Enrolling>(this, {
    view: (state, shown) => {
      if (this.detached) return 'none';
      switch (state.status) {
        case 'enrollment-required':
          return 'start';
        case 'enrolling':
          return 'enroll';
        case 'recovery-codes':
        case 'verified':
          return shown === 'enroll' || shown === 'done' ? 'done' : 'none';
        default:
          return undefined;
      }
    },
    codeError: (state, error) => this.errorText(error, { digits: state.enrollment.digits }),
    transition: (state, previous) => {
      if (state.status !== previous.status) {
        this.manual = false;
        this.copyStatus = '';
      }
    },
    shown: (view) => {
      this.shownManual = this.manual;
      if (view === 'start') this.prepareNextStep();
    },
  });
  private shownManual = false;

  /** Moves focus to the step's heading (what `<totp-gate>` does when the step appears). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.detached = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.detached = true;
    this.manual = false;
    this.copyStatus = '';
    // Render now, not on the next frame: the secret leaves the shadow root with the element.
    this.performUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('gate')) this.gateCtl.gate = this.gate;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The QR code and the key by hand swap under the same step: focus follows to the new heading.
    if (this.manual !== this.shownManual) {
      this.shownManual = this.manual;
      this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
    }
  }

  /**
   * While the person reads the start step, gets the next one ready so that its QR code appears as
   * soon as the enrollment data arrives: the encoder downloads and warms up (prepareQrEncoder), and
   * the date format of its expiry line is made (the first one in a page is slow).
   */
  private prepareNextStep(): void {
    prepareQrEncoder();
    const locale = this.locale;
    whenIdle(() => formatDateTime(new Date(), locale));
  }

  override render(): TemplateResult {
    const done = (): TemplateResult =>
      html`<div part="base" class="base">
        <h2 tabindex="-1" part="heading">${this.t('enrolledTitle')}</h2>
        <p>${this.t('enrolledText')}</p>
      </div>`;
    return this.gateCtl.renderView(this.t('checking'), {
      'enrollment-required': (state) => this.renderStart(state),
      enrolling: (state) => this.renderEnroll(state),
      'recovery-codes': done,
      verified: done,
    });
  }

  private renderStart(state: Required): TemplateResult {
    const error = state.error && state.error !== this.dismissedError ? state.error : undefined;
    const expired = error?.code === 'enrollment-expired';
    const askPassword = this.gateCtl.gate?.capabilities.enrollmentRequiresPassword ?? false;
    const label = expired ? this.t('startAgain') : state.canDefer ? this.t('setUpNow') : this.t('enrollStart');
    return html`
      <div part="base" class="base">
        <h2 tabindex="-1" part="heading">${this.t('enrollTitle')}</h2>
        <p>${this.t('enrollIntro')}</p>
        ${
          state.canDefer && state.graceEndsAt
            ? html`<p class="muted">
                ${this.t('graceNotice', { date: formatDateTime(state.graceEndsAt, this.locale) })}
              </p>`
            : nothing
        }
        <form novalidate @submit=${this.onStart}>
          ${
            askPassword
              ? html`<label for="password">${this.t('passwordLabel')}</label>
                  <p id="password-hint" class="muted">${this.t('passwordHint')}</p>
                  <input
                    id="password"
                    part="password"
                    type="password"
                    autocomplete="current-password"
                    aria-describedby="password-hint start-error"
                    aria-invalid=${this.passwordMissing ? 'true' : 'false'}
                    @input=${() => {
                      this.dismissedError = this.gateCtl.state.error;
                      this.passwordMissing = false;
                    }}
                  />`
              : nothing
          }
          <p id="start-error" part="error" class="error" role="alert">
            ${this.passwordMissing ? this.t('passwordMissing') : error ? this.errorText(error) : ''}
          </p>
          <div class="actions">
            <button part="start" type="submit" aria-disabled=${state.busy ? 'true' : 'false'}>${label}</button>
            ${
              state.canDefer
                ? html`<button
                    part="later"
                    class="secondary"
                    type="button"
                    aria-disabled=${state.busy ? 'true' : 'false'}
                    @click=${this.onLater}
                  >
                    ${this.t('later')}
                  </button>`
                : nothing
            }
          </div>
        </form>
      </div>
    `;
  }

  private renderEnroll(state: Enrolling): TemplateResult {
    const { enrollment } = state;
    return html`
      <div part="base" class="base">
        <h2 tabindex="-1" part="heading">${this.t('enrollTitle')}</h2>
        <section class="section" aria-labelledby="setup-heading">
          <h3 id="setup-heading" tabindex="-1">
            ${this.manual ? this.t('enrollStepManual') : this.t('enrollStepScan')}
          </h3>
          ${this.manual ? this.renderManual(state) : this.renderQr(state)}
          ${
            state.warnings.length > 0
              ? html`<p part="warning" class="warning">
                  ${this.t('compatibilityWarning', { settings: this.warningSettings(state) })}
                </p>`
              : nothing
          }
          <button part="switch" class="link" type="button" @click=${() => (this.manual = !this.manual)}>
            ${this.manual ? this.t('showQr') : this.t('manualEntry')}
          </button>
        </section>
        <section class="section" aria-labelledby="code-heading">
          <h3 id="code-heading">${this.t('enrollStepCode')}</h3>
          <form novalidate @submit=${this.onConfirm}>
            <totp-code-input
              part="code-input"
              lang=${this.locale}
              .messages=${this.messages}
              .digits=${enrollment.digits}
              .hint=${this.t('enrollEnterCode', { digits: enrollment.digits })}
              ?auto-submit=${this.autoSubmit}
            ></totp-code-input>
            <div class="actions">
              <button part="verify" type="submit" aria-disabled=${state.busy ? 'true' : 'false'}>
                ${state.busy ? this.t('verifying') : this.t('verify')}
              </button>
              <button part="cancel" class="secondary" type="button" @click=${this.onCancel}>${this.t('cancel')}</button>
            </div>
          </form>
          <p part="expiry" class="muted">
            ${this.t('expiresAt', { time: formatDateTime(new Date(enrollment.expiresAt), this.locale) })}
          </p>
        </section>
        <p class="visually-hidden" role="status">${this.copyStatusText()}</p>
      </div>
    `;
  }

  private renderQr(state: Enrolling): TemplateResult {
    const { enrollment } = state;
    return html`
      <p>${this.t('enrollScan')}</p>
      <totp-qr part="qr" lang=${this.locale} .messages=${this.messages} .uri=${enrollment.otpauthUri}></totp-qr>
      <p part="account">${this.t('enrollAccountShown', { issuer: enrollment.issuer, account: enrollment.account })}</p>
      <div class="key">
        <span id="key-label" class="muted">${this.t('secretLabel')}</span>
        ${this.renderSecret(enrollment.secret)}
      </div>
    `;
  }

  private renderManual(state: Enrolling): TemplateResult {
    const { enrollment } = state;
    return html`
      <p>${this.t('manualIntro')}</p>
      <dl part="details" class="details">
        <dt>${this.t('issuerLabel')}</dt>
        <dd>${enrollment.issuer}</dd>
        <dt>${this.t('accountLabel')}</dt>
        <dd>${enrollment.account}</dd>
        <dt id="key-label">${this.t('secretLabel')}</dt>
        <dd class="key">${this.renderSecret(enrollment.secret)}</dd>
      </dl>
      ${
        state.warnings.length > 0
          ? html`<p>
              ${this.t('manualDetails', {
                algorithm: enrollment.algorithm,
                digits: enrollment.digits,
                period: enrollment.period,
              })}
            </p>`
          : nothing
      }
    `;
  }

  private renderSecret(secret: string): TemplateResult {
    const copied = this.copyStatus === 'copied';
    return html`
      <code part="secret" class="secret" translate="no">${formatSecret(secret)}</code>
      <button part="copy" class="secondary" type="button" aria-describedby="key-label" @click=${this.onCopy}>
        ${this.t('copy')}
      </button>
      ${copied ? html`<span class="success" aria-hidden="true">✓</span>` : nothing}
    `;
  }

  private warningSettings(state: Enrolling): string {
    const { algorithm, digits, period } = state.enrollment;
    const names = state.warnings.map((warning) =>
      warning === 'algorithm'
        ? this.t('warnAlgorithm', { algorithm })
        : warning === 'digits'
          ? this.t('warnDigits', { digits })
          : this.t('warnPeriod', { period }),
    );
    return new Intl.ListFormat(this.locale, { type: 'conjunction' }).format(names);
  }

  private copyStatusText(): string {
    if (this.copyStatus === 'copied') return this.t('copied');
    if (this.copyStatus === 'failed') return this.t('copyFailed');
    return '';
  }

  private async onCopy(): Promise<void> {
    const state = this.gateCtl.state;
    if (state.status !== 'enrolling') return;
    // Only the base32 key, only on this click (S37); the formatted groups are for reading.
    try {
      this.copyStatus = '';
      await navigator.clipboard.writeText(state.enrollment.secret);
      this.copyStatus = 'copied';
    } catch {
      this.copyStatus = 'failed';
    }
  }

  private onStart(event: SubmitEvent): void {
    event.preventDefault();
    const gate = this.gateCtl.gate;
    if (!gate || gate.getState().busy) return;
    if (gate.capabilities.enrollmentRequiresPassword) {
      const field = this.renderRoot.querySelector<HTMLInputElement>('#password');
      const password = field?.value ?? '';
      if (password === '') {
        this.passwordMissing = true;
        field?.focus();
        return;
      }
      // Never kept: the field is emptied as soon as the request is on its way.
      if (field) field.value = '';
      void gate.startEnrollment({ password });
      return;
    }
    void gate.startEnrollment();
  }

  private onLater(): void {
    const gate = this.gateCtl.gate;
    if (!gate || gate.getState().busy) return;
    void gate.defer();
  }

  private onConfirm(event: SubmitEvent): void {
    event.preventDefault();
    const gate = this.gateCtl.gate;
    if (!gate || gate.getState().busy) return;
    const input = this.renderRoot.querySelector<TotpCodeInput>('totp-code-input');
    void gate.confirmEnrollment(input?.value ?? '');
  }

  private onCancel(): void {
    void this.gateCtl.gate?.cancelEnrollment();
  }
}

if (!customElements.get('totp-enroll')) customElements.define('totp-enroll', TotpEnroll);

declare global {
  interface HTMLElementTagNameMap {
    'totp-enroll': TotpEnroll;
  }
}
