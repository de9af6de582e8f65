/** Styles of `<totp-manage>`: sections, lists of authenticators and devices, the warning. */
import { css } from 'lit';

export const manageStyles = css`
  section {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
    padding-block-start: var(--_space);
    border-block-start: 1px solid var(--_border);
  }
  section > * {
    margin-block: 0;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.5);
  }
  li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5);
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 0.75);
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  .item-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .item-facts {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .tag {
    margin-inline-start: 0.5em;
    font-size: 0.75rem;
    font-weight: 600;
    padding: 0.1em 0.5em;
    border: 1px solid var(--_border);
    border-radius: 999px;
  }
  .warning {
    color: var(--_danger);
    font-weight: 600;
  }
  .notice {
    color: var(--_success);
  }
  .notice:empty {
    display: none;
  }
  .secret {
    font-family: var(--totp-code-font-family, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    background: var(--_surface);
    padding: 0.25em 0.5em;
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-accent);
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.25);
  }
`;
