/**
 * `<totp-code-input>`: the one field where a person types or pastes an authentication code.
 *
 * One file past 300 lines because a form-associated element must answer the whole form-control
 * API itself (value, validity, reset, disabled and state restore, `ElementInternals`), next to the
 * typing and pasting rules those answers depend on; the events it fires live in
 * `code-input-events.ts`.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { normalizeCode } from '@totp-gate/core';
import { TotpCodeCompleteEvent } from './code-input-events.js';
import { baseStyles } from '../styles/base.js';
import { TotpElement } from '../totp-element.js';
import { codeInputStyles } from './code-input.styles.js';

/**
 * Cleans what is in the field as the person types: separators (spaces, dashes) go, digits of any
 * script become ASCII digits, anything else stays so the person sees it and gets a clear message.
 */
export function sanitizeCode(text: string): string {
  let out = '';
  for (const char of text) {
    const one = normalizeCode(char, { digits: [1, 1] });
    if (one.ok) out += one.code;
    else if (one.reason !== 'empty') out += char;
  }
  return out;
}

/**
 * A form-associated field for a one-time code: a single text input with a numeric keyboard and
 * `autocomplete="one-time-code"` (never `type=number`, which drops leading zeros). Typing and
 * pasting `123456`, `123 456`, `123-456` or full-width digits all give `123456`. Pasting is never
 * blocked (WCAG 3.3.8).
 *
 * @summary A form-associated, accessible field for a one-time code.
 *
 * @fires input - Native, composed: the value changed through typing or pasting.
 * @fires change - Composed: the value was committed (the field lost focus after an edit, or a full code was pasted).
 * @fires totp-code-complete - The field holds a complete code (`event.code`). Fired once per completion.
 *
 * @csspart base - The wrapper of label, field, progress and messages.
 * @csspart label - The visible label.
 * @csspart hint - The optional hint under the label.
 * @csspart input - The text field.
 * @csspart progress - The row of cells that fill as digits are typed.
 * @csspart error - The error message (shown when `error` is set).
 *
 * @cssproperty --totp-code-font-family - Font of the digits (monospace by default).
 * @cssproperty --totp-color-accent - Filled progress cells and focus ring.
 * @cssproperty --totp-color-border - Field border and empty progress cells.
 * @cssproperty --totp-color-danger - Border and text of an error.
 * @cssproperty --totp-color-success - Progress cells once the code is complete.
 *
 * @example
 * ```html
 * <form>
 *   <totp-code-input name="code" required auto-submit></totp-code-input>
 * </form>
 * ```
 */
export class TotpCodeInput extends TotpElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...TotpElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [baseStyles, codeInputStyles];
  static override properties = {
    label: { type: String },
    hint: { type: String },
    digits: { type: Number },
    name: { type: String, reflect: true },
    value: { type: String },
    disabled: { type: Boolean, reflect: true },
    required: { type: Boolean, reflect: true },
    autoSubmit: { type: Boolean, attribute: 'auto-submit' },
    error: { type: String },
    formDisabled: { state: true },
    userInvalid: { state: true },
  };

  /** The accessible and visible label; defaults to the catalogue's "Authentication code". */
  label = '';
  /** Optional help text under the label, linked to the field with `aria-describedby`. */
  hint = '';
  /** How many digits a complete code has (6 by default). */
  digits = 6;
  /** The name under which the value is submitted with a form. */
  name = '';
  /** Disables the field (a disabled `<fieldset>` does too). */
  disabled = false;
  /** A form cannot be submitted while the field is empty. */
  required = false;
  /** When the code is complete, submit the form the field belongs to. */
  autoSubmit = false;
  /** An error to show under the field (for example "That code is not right"), announced and linked to it. */
  error = '';
  protected formDisabled = false;
  /** Set once the person could have fixed the field: after a failed submit or leaving it invalid. */
  protected userInvalid = false;

  /** The form-association handle; `states` carries the custom states `complete` and `invalid`. */
  protected readonly internals: ElementInternals = this.attachInternals();
  #value = '';
  #completed = '';

  constructor() {
    super();
    this.addEventListener('invalid', () => {
      this.userInvalid = true;
    });
  }

  /** The code as typed, cleaned: ASCII digits without separators. Setting it fires no event. */
  get value(): string {
    return this.#value;
  }

  set value(value: string) {
    this.#value = sanitizeCode(String(value ?? ''));
    // Keep the form value and validity in step synchronously, as a native input does.
    this.syncForm();
  }

  /** The value the field starts with and returns to on form reset: the `value` attribute. */
  get defaultValue(): string {
    return this.getAttribute('value') ?? '';
  }

  /** True when the field holds exactly `digits` digits. */
  get complete(): boolean {
    return this.isComplete(this.#value);
  }

  /** The form the field belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** Selects the digits in the field, so typing replaces them. */
  select(): void {
    this.field?.select();
  }

  /**
   * Shows an error from the server under the field (announced and linked to it) and, when there
   * is one, puts the person back in the field with the code selected, so typing the next code
   * replaces it. An empty message clears the error.
   */
  showError(message: string): void {
    this.error = message;
    if (!message) return;
    this.focus();
    this.select();
  }

  /** Empties the field (and any error) without firing events; the field keeps focus if it had it. */
  clear(): void {
    this.value = '';
    this.error = '';
    this.userInvalid = false;
    this.#completed = '';
  }

  formResetCallback(): void {
    this.clear();
    this.value = this.defaultValue;
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === 'string') this.value = state;
  }

  private get field(): HTMLInputElement | null {
    return this.renderRoot?.querySelector('input') ?? null;
  }

  private isComplete(value: string): boolean {
    return value.length === this.digits && /^\d+$/.test(value);
  }

  private syncForm(): void {
    const value = this.#value;
    this.internals.setFormValue(value);
    const params = { digits: this.digits };
    const flags: ValidityStateFlags = {};
    let message = '';
    if (value === '') {
      if (this.required) [flags.valueMissing, message] = [true, this.t('codeMissing', params)];
    } else if (!/^\d+$/.test(value)) {
      [flags.patternMismatch, message] = [true, this.t('codeDigitsOnly', params)];
    } else if (value.length < this.digits) {
      [flags.tooShort, message] = [true, this.t('codeTooShort', params)];
    } else if (value.length > this.digits) {
      [flags.tooLong, message] = [true, this.t('codeTooLong', params)];
    }
    if (message) this.internals.setValidity(flags, message, this.field ?? undefined);
    else this.internals.setValidity({});
    this.setState('complete', this.isComplete(value));
    this.setState('invalid', message !== '' || this.error !== '');
  }

  private setState(state: string, on: boolean): void {
    // CustomStateSet exists in every browser the package supports; guard for older ones.
    const states = this.internals.states as CustomStateSet | undefined;
    if (!states) return;
    if (on) states.add(state);
    else states.delete(state);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('digits')) this.digits = Math.min(10, Math.max(4, Math.trunc(Number(this.digits)) || 6));
    // Validity depends on `digits` and `required`, and its message on the language, which may
    // arrive later (a catalogue loads on demand): recompute before every render.
    this.syncForm();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // What Lit's live() directive would do, without its code on the sign-in path: the field's own
    // value (which the person edits) is compared with ours on every render, not with the last one set.
    const field = this.field;
    if (field && field.value !== this.#value) field.value = this.#value;
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    // The validation bubble points at the field, which exists from now on.
    this.syncForm();
  }

  override render() {
    const value = this.#value;
    const count = [...value].filter((c) => c >= '0' && c <= '9').length;
    // A server error wins over the field's own validity message, which shows once the person could act on it.
    const error = this.error || (this.userInvalid ? this.internals.validationMessage : '');
    const describedBy = [this.hint ? 'hint' : '', error ? 'error' : ''].filter(Boolean).join(' ');
    return html`
      <div part="base" class="base">
        <label part="label" for="input">${this.label || this.t('codeLabel')}</label>
        ${this.hint ? html`<p id="hint" part="hint" class="hint">${this.hint}</p>` : nothing}
        <div class="field">
          <input
            id="input"
            part="input"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            autocapitalize="off"
            autocorrect="off"
            spellcheck="false"
            enterkeyhint="done"
            translate="no"
            ?disabled=${this.disabled || this.formDisabled}
            aria-required=${this.required ? 'true' : 'false'}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${describedBy || nothing}
            @input=${this.onInput}
            @change=${this.onChange}
            @paste=${this.onPaste}
            @keydown=${this.onKeydown}
          />
          <div part="progress" class="progress" aria-hidden="true">
            ${Array.from(
              { length: this.digits },
              (_, i) => html`<span class=${i < count ? 'cell filled' : 'cell'}></span>`,
            )}
          </div>
        </div>
        <span class="visually-hidden" aria-live="polite"
          >${this.t('codeProgress', { count, digits: this.digits })}</span
        >
        <p id="error" part="error" class="error" role="alert">${error}</p>
      </div>
    `;
  }

  private onInput(event: InputEvent): void {
    const input = event.target as HTMLInputElement;
    this.takeFieldValue(input);
    // The native event is composed and reaches listeners on the host with the cleaned value.
    this.afterEdit();
  }

  private onChange(): void {
    if (this.#value !== '' && !this.internals.validity.valid) this.userInvalid = true;
    // `change` is not composed; fire it again from the host so listeners outside see it.
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private onPaste(event: ClipboardEvent): void {
    const text = event.clipboardData?.getData('text/plain');
    // Without clipboard data the browser's own paste runs, and `input` cleans the result.
    if (text === undefined || text === '') return;
    const input = event.target as HTMLInputElement;
    event.preventDefault();
    const whole = normalizeCode(text, { digits: this.digits });
    if (whole.ok) {
      // A complete code replaces whatever was there: people paste over a half-typed code.
      input.value = whole.code;
    } else {
      input.setRangeText(
        text,
        input.selectionStart ?? input.value.length,
        input.selectionEnd ?? input.value.length,
        'end',
      );
    }
    this.takeFieldValue(input);
    this.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
    if (whole.ok) this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    this.afterEdit();
  }

  private onKeydown(event: KeyboardEvent): void {
    // Enter inside a shadow root does not submit the outer form by itself.
    if (event.key === 'Enter' && !event.isComposing && this.form) {
      event.preventDefault();
      this.form.requestSubmit();
    }
  }

  /** Moves the field's text into `value`, cleaned, keeping the caret where the person was typing. */
  private takeFieldValue(input: HTMLInputElement): void {
    const raw = input.value;
    const clean = sanitizeCode(raw);
    if (clean !== raw) {
      const caret = sanitizeCode(raw.slice(0, input.selectionStart ?? raw.length)).length;
      input.value = clean;
      input.setSelectionRange(caret, caret);
    }
    // A new edit makes a previous error stale.
    if (clean !== this.#value) [this.error, this.userInvalid] = ['', false];
    this.value = clean;
  }

  private afterEdit(): void {
    const value = this.#value;
    if (!this.isComplete(value)) {
      this.#completed = '';
      return;
    }
    if (this.#completed === value) return;
    this.#completed = value;
    this.dispatchEvent(new TotpCodeCompleteEvent(value));
    if (this.autoSubmit) this.form?.requestSubmit();
  }
}

if (!customElements.get('totp-code-input')) customElements.define('totp-code-input', TotpCodeInput);

declare global {
  interface HTMLElementTagNameMap {
    'totp-code-input': TotpCodeInput;
  }
}
