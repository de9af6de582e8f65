/** Styles of `<totp-challenge>`: the recovery field reads like the codes it takes. */
import { css } from 'lit';

export const challengeStyles = css`
  #recovery {
    font-family: var(--totp-code-font-family, ui-monospace, 'SF Mono', Menlo, Consolas, monospace);
    letter-spacing: 0.05em;
  }
  [part='countdown'] {
    font-size: 1.125rem;
    font-variant-numeric: tabular-nums;
  }
`;
