import { expect } from '@open-wc/testing';
import { decodeQrSvg } from './qr-decode.js';

const PAGE = new URL('./csp/bundle.csp.html', import.meta.url).pathname;
const TAGS = ['totp-gate', 'totp-enroll', 'totp-challenge', 'totp-code-input', 'totp-recovery-codes', 'totp-qr'];

async function until<T>(read: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('dist/totp-gate.js (run `npm run build` first)', () => {
  it('S38 registers all six elements, loads the QR chunk on demand and draws a decodable code, under the strict CSP', async () => {
    const bundle = await fetch('/packages/elements/dist/totp-gate.js');
    expect(bundle.ok, 'dist/totp-gate.js is missing: run npm run build').to.equal(true);
    const source = await bundle.text();
    // Plain ES module for the browser: no CommonJS left, and the QR encoder is not inside.
    expect(source).not.to.match(/\brequire\(/);
    expect(source).not.to.include('getSymbolSize');

    const frame = document.createElement('iframe');
    frame.src = PAGE;
    document.body.append(frame);
    try {
      const win: Window = await until(
        () => (frame.contentWindow as any)?.bundlePage && frame.contentWindow,
        'the page',
      );
      const exports: string[] = await (win as any).bundlePage;
      expect(exports).to.include.members(['TotpGate', 'TotpQr', 'TotpCodeInput', 'TotpRecoveryCodesAcknowledgedEvent']);
      for (const tag of TAGS) expect(win.customElements.get(tag), tag).to.be.a('function');
      const doc = frame.contentDocument!;
      const svg = await until(
        () => doc.querySelector('totp-qr')?.shadowRoot?.querySelector('svg'),
        'the QR code from the lazy chunk',
      );
      expect(await decodeQrSvg(svg)).to.equal(
        'otpauth://totp/Acme:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme',
      );
      const loaded = win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
      expect(loaded.some((path) => /\/dist\/chunks\/qr-matrix-[\w-]+\.js$/.test(path))).to.equal(true);
      expect(doc.querySelector('totp-code-input')!.shadowRoot!.querySelector('input')).not.to.equal(null);
      expect((win as any).cspViolations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
