/** Styles of `<totp-enroll>`: the QR code and the key stand out; settings read as a short list. */
import { css } from 'lit';

export const enrollStyles = css`
  .section {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    padding-block-start: calc(var(--_space) * 0.75);
    border-block-start: 1px solid var(--_border);
  }
  .section > * {
    margin-block: 0;
  }
  totp-qr {
    align-self: center;
    inline-size: min(100%, 14rem);
  }
  .key {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }
  .secret {
    font-family: var(--totp-code-font-family, ui-monospace, 'SF Mono', Menlo, Consolas, monospace);
    font-size: 1.0625rem;
    letter-spacing: 0.06em;
    word-spacing: 0.2em;
    padding-block: 0.25em;
    padding-inline: 0.5em;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    overflow-wrap: anywhere;
    /* Lines of even length: no group of four left alone on the last line. */
    text-wrap: balance;
    user-select: all;
  }
  .details {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: calc(var(--_space) * 0.5) var(--_space);
    align-items: center;
    margin: 0;
  }
  .details dt {
    font-weight: 600;
  }
  .details dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .warning {
    padding-block: calc(var(--_space) * 0.5);
    padding-inline: calc(var(--_space) * 0.75);
    border-inline-start: 4px solid var(--_danger);
    background: var(--_surface);
  }
`;
