import { css } from 'lit';

/** Styles of `<totp-qr>`: a square that scales with its box, black on white in every color scheme. */
export const qrStyles = css`
  :host {
    display: inline-block;
    inline-size: var(--totp-qr-size, 13rem);
    max-inline-size: 100%;
    vertical-align: top;
  }
  .base {
    aspect-ratio: 1;
    inline-size: 100%;
  }
  svg {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    /* Scanners need dark modules on a light ground: no inversion in dark or forced colors. */
    forced-color-adjust: none;
    color-scheme: light;
    border-radius: calc(var(--_radius) / 2);
  }
  .placeholder {
    display: grid;
    place-items: center;
    block-size: 100%;
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
    text-align: center;
    font-size: 0.9375em;
  }
  .placeholder.failed {
    border-style: solid;
    border-color: var(--_danger);
    color: var(--_danger);
  }
`;
