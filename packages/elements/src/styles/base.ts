/**
 * Shared styles: the `--totp-*` custom properties with defaults that work on light and dark
 * pages, focus rings, buttons and fields. Logical properties throughout, so right-to-left works.
 */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --_accent: var(--totp-color-accent, #2563eb);
    --_on-accent: var(--totp-color-on-accent, #ffffff);
    --_text: var(--totp-color-text, #111827);
    --_muted: var(--totp-color-muted, #4b5563);
    --_bg: var(--totp-color-bg, #ffffff);
    --_surface: var(--totp-color-surface, #f3f4f6);
    --_border: var(--totp-color-border, #9ca3af);
    --_danger: var(--totp-color-danger, #b91c1c);
    --_success: var(--totp-color-success, #15803d);
    --_radius: var(--totp-radius, 8px);
    --_space: var(--totp-space, 1rem);
    /* A solid accent ring outside a gap of the background: at least 3:1 against the card (WCAG 1.4.11). */
    --_focus: var(--totp-focus-ring, 0 0 0 2px var(--_bg), 0 0 0 4px var(--_accent));
    display: block;
    color: var(--_text);
    font-family: var(--totp-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    line-height: 1.5;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--totp-color-accent, #60a5fa);
      --_on-accent: var(--totp-color-on-accent, #0b1220);
      --_text: var(--totp-color-text, #f3f4f6);
      --_muted: var(--totp-color-muted, #cbd5e1);
      --_bg: var(--totp-color-bg, #111827);
      --_surface: var(--totp-color-surface, #1f2937);
      --_border: var(--totp-color-border, #6b7280);
      --_danger: var(--totp-color-danger, #fca5a5);
      --_success: var(--totp-color-success, #86efac);
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h2,
  h3 {
    margin-block: 0 calc(var(--_space) * 0.5);
    line-height: 1.25;
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  p {
    margin-block: 0 calc(var(--_space) * 0.75);
  }
  button {
    font: inherit;
    min-block-size: 44px;
    padding-block: 0.5em;
    padding-inline: 1em;
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  button.link {
    border-color: transparent;
    background: transparent;
    color: var(--_accent);
    text-decoration: underline;
    padding-inline: 0.25em;
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  button:focus-visible,
  input:focus-visible,
  a:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }
  .error {
    color: var(--_danger);
  }
  .success {
    color: var(--_success);
  }
  .muted {
    color: var(--_muted);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    button {
      border: 1px solid ButtonText;
    }
  }
`;
