/** Styles of `<totp-gate>`: a centred card for the steps, a banner or notice above the open app. */
import { css } from 'lit';

export const gateStyles = css`
  .gate {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_space);
    padding-block: calc(var(--_space) * 2);
    padding-inline: var(--_space);
  }
  .header,
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_space) * 0.75);
    inline-size: 100%;
    max-inline-size: var(--totp-gate-max-inline-size, 32rem);
  }
  .footer {
    justify-content: space-between;
    color: var(--_muted);
  }
  .step {
    inline-size: 100%;
    max-inline-size: var(--totp-gate-max-inline-size, 32rem);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .checking {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    color: var(--_muted);
  }
  .spinner {
    inline-size: 1.25em;
    block-size: 1.25em;
    border-radius: 50%;
    border: 3px solid var(--_border);
    border-block-start-color: var(--_accent);
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  .banner,
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.5) var(--_space);
    padding-block: calc(var(--_space) * 0.75);
    padding-inline: var(--_space);
    margin-block-end: var(--_space);
    border: 1px solid var(--_border);
    border-inline-start: 4px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .banner p,
  .notice p {
    margin: 0;
    flex: 1 1 16rem;
  }
  .banner .error:empty {
    display: none;
  }
  .error:empty {
    margin: 0;
  }
`;
