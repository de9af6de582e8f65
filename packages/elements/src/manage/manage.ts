/**
 * `<totp-manage>`: the two-factor part of an account settings page. The element holds the data
 * and the flows (step-up, add, replace, rename, remove, new recovery codes, devices); the
 * overview and the step screens are drawn by `manage-views.ts`.
 *
 * Past 300 lines: one element's state and flows; what it draws is already apart.
 */
import { html, type PropertyValues, type TemplateResult } from 'lit';
import {
  ACCOUNT_ERROR_CODES,
  FactorName,
  TotpGateError,
  accountCapabilitiesOf,
  capabilitiesOf,
  toTotpGateError,
  type AccountCapabilities,
  type BackendCapabilities,
  type DeviceList,
  type Enrollment,
  type FactorList,
  type Status,
  type TotpBackend,
} from '@totp-gate/core';
import { createHttpAccountBackend } from '@totp-gate/core/http-account';
import '../code-input/code-input.js';
import type { TotpCodeInput } from '../code-input/code-input.js';
import { enEnroll } from '../messages/en-enroll.js';
import type { Message, MessageKey, MessageParams } from '../messages/en.js';
import { addEnglish } from '../messages/localize.js';
import '../qr/qr.js';
import '../recovery-codes/recovery-codes.js';
import { stepStyles } from '../shared/step.styles.js';
import { baseStyles } from '../styles/base.js';
import { TotpElement } from '../totp-element.js';
import { hasManageLocale, loadManageLocale, translateManage } from './localize.js';
import { TotpAccountChangeEvent, type AccountChange } from './manage-events.js';
import { manageStyles } from './manage.styles.js';
import type { ManageMessageKey } from './messages/en.js';
import { renderOverview, renderStep } from './manage-views.js';

// The recovery-codes step and the QR code use the enrollment texts.
addEnglish(enEnroll);

/** A server that does not offer remembered devices (no such endpoint) shows no devices section. */
function notOffered(error: unknown): undefined {
  const typed = toTotpGateError(error, ACCOUNT_ERROR_CODES);
  if (typed.code === 'unsupported') return undefined;
  throw typed;
}

/** The screen `<totp-manage>` shows. */
export type ManageScreen =
  | { name: 'loading' }
  | { name: 'failed' }
  | { name: 'unsupported' }
  | { name: 'overview' }
  | { name: 'rename'; id: string }
  | { name: 'remove'; id: string }
  | { name: 'add'; replaces: string | undefined }
  | { name: 'scan'; enrollment: Enrollment; factorName: string; replaces: string | undefined }
  | { name: 'step-up'; retry: () => Promise<void> }
  | { name: 'regenerate' }
  | { name: 'codes'; codes: readonly string[] };

/**
 * The two-factor settings of the signed-in user: the authenticator apps (add one, rename,
 * remove, or replace one with "I have a new phone"), how many recovery codes are left (with a
 * warning at two or fewer) and a way to get new ones, and the remembered devices with "Forget"
 * and "Sign out other devices". Only what the backend declares in its capabilities is shown.
 *
 * Changes that need a recent code (adding or removing an authenticator) ask for one first when
 * the server says so. A new authenticator's secret exists only inside this element's shadow root
 * while it is being set up.
 *
 * @summary Account settings for two-factor authentication: authenticators, recovery codes, devices.
 *
 * @fires totp-account-change - A change went through (`event.change`, `event.id`).
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading of the screen shown (it receives focus when the screen changes).
 * @csspart factors - The list of authenticator apps.
 * @csspart factor - One authenticator app.
 * @csspart add - "Add an authenticator app".
 * @csspart codes - The recovery codes section.
 * @csspart warning - The "only a few recovery codes left" warning.
 * @csspart devices - The list of remembered devices.
 * @csspart sign-out-others - "Sign out other devices".
 * @csspart notice - The sentence saying what the last change did.
 * @csspart error - An error outside a code field.
 * @csspart code-input - The `<totp-code-input>` of a step.
 * @csspart qr - The `<totp-qr>` of a new authenticator.
 *
 * @cssproperty --totp-color-accent - Buttons and focus ring.
 * @cssproperty --totp-color-surface - Background of list items.
 * @cssproperty --totp-color-danger - The warning, errors and the Remove button.
 * @cssproperty --totp-color-success - The notice after a change.
 * @cssproperty --totp-radius - Corner radius.
 *
 * @example
 * ```html
 * <totp-manage endpoint="/api/totp"></totp-manage>
 * ```
 */
export class TotpManage extends TotpElement {
  static override styles = [baseStyles, stepStyles, manageStyles];
  static override properties = {
    endpoint: { type: String },
    backend: { attribute: false },
    screen: { state: true },
    busy: { state: true },
    error: { state: true },
    notice: { state: true },
  };

  /** Where the REST contract is mounted; creates the HTTP account adapter. Ignored when `backend` is set. */
  endpoint = '';
  /** The backend to manage the account through (instead of `endpoint`). */
  backend: TotpBackend | undefined = undefined;
  /** Overrides for any message key of this element or the shared catalogue. Rendered as text. */
  override messages: Partial<Record<MessageKey | ManageMessageKey, Message>> | undefined;
  /** @internal The screen shown. */
  screen: ManageScreen = { name: 'loading' };
  /** @internal An action is under way. */
  busy = false;
  /** @internal The last action's error, when it is not shown in a code field. */
  error: TotpGateError | undefined = undefined;
  /** @internal What the last change did, announced politely. */
  notice = '';

  /** @internal What the server said at the last load. */
  status: Status | undefined;
  /** @internal */
  factors: FactorList | undefined;
  /** @internal */
  devices: DeviceList | undefined;
  private shownScreen: string | undefined;
  private loadedFor: TotpBackend | undefined;
  private created: { endpoint: string; backend: TotpBackend } | undefined;

  /** The backend in use: `backend`, else one made from `endpoint`. */
  get activeBackend(): TotpBackend | undefined {
    if (this.backend) return this.backend;
    if (!this.endpoint) return undefined;
    if (this.created?.endpoint !== this.endpoint) {
      this.created = { endpoint: this.endpoint, backend: createHttpAccountBackend({ baseUrl: this.endpoint }) };
    }
    return this.created.backend;
  }

  /** What the backend can do (all false without one). */
  get capabilities(): BackendCapabilities & AccountCapabilities {
    const backend = this.activeBackend;
    return backend
      ? { ...capabilitiesOf(backend), ...accountCapabilitiesOf(backend) }
      : {
          recoveryCodes: false,
          defer: false,
          enrollmentRequiresPassword: false,
          requiresRecentLogin: false,
          factors: false,
          regenerateRecoveryCodes: false,
          rememberDevice: false,
          signOutOthers: false,
        };
  }

  /** A message of this element (or, for shared keys, of the main catalogue) as text. */
  m(key: ManageMessageKey, params: MessageParams = {}): string {
    return translateManage(key, params, this.locale, this.messages);
  }

  /** @internal The locale in use (see `lang`). */
  get localeTag(): string {
    return this.locale;
  }

  /** A shared message (buttons, code field) as text. */
  s(key: MessageKey, params: MessageParams = {}): string {
    return this.t(key, params);
  }

  /** The text for an error: account errors from this element's catalogue, the rest shared. */
  errorMessage(error: TotpGateError): string {
    switch (error.code) {
      case 'totp-required':
        return this.m('errorTotpRequired');
      case 'step-up-required':
        return this.m('errorStepUpRequired');
      case 'last-factor':
        return this.m('errorLastFactor');
      case 'unknown-id':
        return this.m('errorUnknownId');
      case 'bad-request':
        return this.screen.name === 'add' || this.screen.name === 'rename'
          ? this.m('nameMissing')
          : this.errorText(error, { digits: this.digits });
      default:
        return this.errorText(error, { digits: this.digits });
    }
  }

  get digits(): number {
    return this.status?.digits ?? 6;
  }

  /** Loads (again) what the account holds. */
  async reload(): Promise<void> {
    const backend = this.activeBackend;
    if (!backend) return;
    const caps = accountCapabilitiesOf(backend);
    if (!caps.factors && !caps.regenerateRecoveryCodes && !caps.rememberDevice && !caps.signOutOthers) {
      this.screen = { name: 'unsupported' };
      return;
    }
    this.busy = true;
    try {
      const [status, factors, devices] = await Promise.all([
        backend.status(),
        caps.factors ? backend.listFactors!() : Promise.resolve(undefined),
        caps.rememberDevice ? backend.listDevices!().catch(notOffered) : Promise.resolve(undefined),
      ]);
      this.status = status;
      this.factors = factors;
      this.devices = devices;
      this.error = undefined;
      if (this.screen.name === 'loading' || this.screen.name === 'failed') this.screen = { name: 'overview' };
    } catch (error) {
      this.error = toTotpGateError(error, ACCOUNT_ERROR_CODES);
      this.screen = { name: 'failed' };
    } finally {
      this.busy = false;
    }
  }

  /** Moves focus to the heading of the screen shown. */
  focusHeading(): void {
    const codes = this.renderRoot.querySelector('totp-recovery-codes');
    if (codes) void codes.updateComplete.then(() => codes.focusHeading());
    else this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after a removal: load afresh (the lists may have changed meanwhile).
    this.loadedFor = undefined;
    this.requestUpdate();
    if (!hasManageLocale(this.locale)) {
      loadManageLocale(this.locale).then(
        () => this.requestUpdate(),
        () => undefined, // English stays in place.
      );
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Drops a new authenticator's secret and shown recovery codes with the screen (S36).
    if (this.screen.name === 'scan' || this.screen.name === 'codes') this.screen = { name: 'overview' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const backend = this.activeBackend;
    if (backend !== this.loadedFor && this.isConnected) {
      // A first backend, or another one: everything shown belonged to the old one.
      this.loadedFor = backend;
      this.screen = { name: 'loading' };
      void this.reload();
    }
    if (changed.has('lang') && !hasManageLocale(this.locale)) {
      void loadManageLocale(this.locale).then(
        () => this.requestUpdate(),
        () => undefined,
      );
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const name = this.screen.name;
    if (name !== this.shownScreen) {
      const first = this.shownScreen === undefined || this.shownScreen === 'loading';
      this.shownScreen = name;
      if (!first) this.focusHeading();
    }
  }

  /** Shows a screen, clearing the last error and notice. */
  go(screen: ManageScreen): void {
    this.error = undefined;
    if (screen.name !== 'overview') this.notice = '';
    this.screen = screen;
  }

  /**
   * Runs one action: one at a time, errors shown where they belong. A `step-up-required` answer
   * asks for a current code and then runs the action again.
   */
  async run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = undefined;
    try {
      await action();
    } catch (thrown) {
      const error = toTotpGateError(thrown, ACCOUNT_ERROR_CODES);
      if (error.code === 'step-up-required' && this.screen.name !== 'step-up') {
        this.go({ name: 'step-up', retry: action });
      } else if (error.code === 'unknown-id') {
        this.go({ name: 'overview' });
        this.notice = this.m('errorUnknownId');
        this.busy = false;
        await this.reload();
      } else {
        this.error = error;
        await this.updateComplete;
        this.codeInput()?.showError(this.errorMessage(error));
      }
    } finally {
      this.busy = false;
    }
  }

  codeInput(): TotpCodeInput | null {
    return this.renderRoot.querySelector<TotpCodeInput>('totp-code-input');
  }

  /** The value of the text field of a step, checked as a name. */
  nameFrom(form: HTMLFormElement): string | null {
    const value = (form.elements.namedItem('name') as HTMLInputElement | null)?.value.trim() ?? '';
    if (!FactorName.safeParse(value).success) {
      this.error = new TotpGateError('bad-request', 'That name cannot be used.');
      return null;
    }
    return value;
  }

  changed(change: AccountChange, id: string | null, notice: string): void {
    this.go({ name: 'overview' });
    this.notice = notice;
    this.dispatchEvent(new TotpAccountChangeEvent(change, id));
  }

  override render(): TemplateResult {
    const screen = this.screen;
    let body: TemplateResult;
    if (screen.name === 'loading') {
      body = html`<p class="muted" role="status">${this.m('manageLoading')}</p>`;
    } else if (screen.name === 'unsupported') {
      body = html`<p>${this.m('manageUnsupported')}</p>`;
    } else if (screen.name === 'overview' || screen.name === 'failed') {
      body = renderOverview(this);
    } else {
      body = renderStep(this, screen);
    }
    // The notice lives outside the screens, so the live region exists before its text changes.
    return html`<div part="base" class="base">
      <p part="notice" class="notice" role="status">${this.notice}</p>
      ${body}
    </div>`;
  }
}

if (!customElements.get('totp-manage')) customElements.define('totp-manage', TotpManage);

declare global {
  interface HTMLElementTagNameMap {
    'totp-manage': TotpManage;
  }
}
