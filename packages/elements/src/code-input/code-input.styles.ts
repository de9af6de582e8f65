import { css } from 'lit';

/** Styles of `<totp-code-input>`: one wide monospace field over a row of progress cells. */
export const codeInputStyles = css`
  :host {
    display: block;
  }
  .base {
    display: grid;
    gap: calc(var(--_space) * 0.375);
  }
  .field {
    /* The cells give the field its width; the input, a compressible control, follows it. */
    display: grid;
    inline-size: fit-content;
    max-inline-size: 100%;
    gap: calc(var(--_space) * 0.375);
  }
  label {
    font-weight: 600;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9375em;
  }
  input {
    inline-size: 100%;
    min-inline-size: 0;
    min-block-size: 48px;
    padding-block: 0.25em;
    padding-inline: 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font-family: var(--totp-code-font-family, ui-monospace, 'SF Mono', Menlo, Consolas, monospace);
    font-size: 1.5em;
    letter-spacing: 0.3em;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
  input:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .progress {
    display: flex;
    gap: 0.375em;
    justify-content: center;
  }
  .cell {
    inline-size: 1.75em;
    block-size: 4px;
    border-radius: 2px;
    background: var(--_border);
  }
  .cell.filled {
    background: var(--_accent);
  }
  /* Green once complete, unless the code was refused: never green under a red error. */
  :host(:state(complete)) [aria-invalid='false'] + .progress .filled {
    background: var(--_success);
  }
  .error {
    margin: 0;
    font-weight: 600;
  }
  @media (forced-colors: active) {
    .cell {
      background: GrayText;
    }
    .cell.filled {
      background: Highlight;
    }
  }
`;
