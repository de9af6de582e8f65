/** Styles shared by the step elements (`<totp-enroll>`, `<totp-challenge>`): actions, fields, links. */
import { css } from 'lit';

export const stepStyles = css`
  .base {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
  }
  .base > *,
  form > * {
    margin-block: 0;
  }
  h2 {
    font-size: 1.375rem;
  }
  h3 {
    font-size: 1.0625rem;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }
  button.link {
    align-self: flex-start;
    min-block-size: 44px;
    padding-inline: 0;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  label {
    font-weight: 600;
  }
  input[type='text'],
  input[type='password'] {
    font: inherit;
    min-block-size: 44px;
    inline-size: 100%;
    max-inline-size: 20rem;
    padding-block: 0.5em;
    padding-inline: 0.75em;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error:empty {
    display: none;
  }
  .muted {
    font-size: 0.9375rem;
  }
`;
