import { css } from 'lit';

/** Styles of `<totp-recovery-codes>`, including the print view that shows only the codes. */
export const recoveryCodesStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  h2,
  p {
    margin: 0;
  }
  .codes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13ch, 1fr));
    gap: calc(var(--_space) * 0.5) var(--_space);
    margin: 0;
    padding-block: var(--_space);
    /* Room for the widest marker, "10.", inside the border. */
    padding-inline: calc(var(--_space) * 2 + 1ch) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    font-family: var(--totp-code-font-family, ui-monospace, 'SF Mono', Menlo, Consolas, monospace);
    font-size: 1.0625em;
    font-variant-numeric: tabular-nums slashed-zero;
  }
  .codes li::marker {
    color: var(--_muted);
    font-size: 0.8em;
  }
  code {
    font: inherit;
    user-select: all;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
  .status {
    min-block-size: 1.5em;
    color: var(--_success);
  }
  .status.failed {
    color: var(--_danger);
  }
  .confirm {
    display: flex;
    align-items: center;
    gap: 0.5em;
    font-weight: 600;
    cursor: pointer;
  }
  .confirm input {
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0;
    accent-color: var(--_accent);
  }
  .continue {
    justify-self: start;
  }
  .continue:disabled {
    cursor: not-allowed;
  }
  .print-only {
    display: none;
  }
  @media print {
    /* While this element prints, the page around it is hidden (see PRINT_PAGE) and only the sheet shows. */
    :host(:state(printing)) .sheet {
      visibility: visible;
      position: fixed;
      inset-block-start: 0;
      inset-inline-start: 0;
      inline-size: 100%;
      padding: 1cm;
      background: #ffffff;
      color: #000000;
    }
    :host(:state(printing)) .print-only {
      display: block;
      margin-block-end: 0.5cm;
      font-weight: 600;
    }
    :host(:state(printing)) .codes {
      border-color: #000000;
      background: #ffffff;
      color: #000000;
      font-size: 14pt;
    }
  }
`;
