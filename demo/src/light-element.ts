import { LitElement } from 'lit';

/**
 * A Lit element that renders into the light DOM, so the portal's own page styles apply to it.
 * (The TOTP Gate elements keep their shadow DOM and are themed through `--totp-*` properties.)
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}

/** Formats a time for people, in their locale. */
export function formatDateTime(value: string | Date): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

/** Formats a date for people, in their locale. */
export function formatDate(value: string | Date): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(new Date(value));
}
