import { expect } from '@open-wc/testing';
import { createGate, type Gate, type TotpBackend } from '@totp-gate/core';
import { createFakeBackend, type FakeBackend, type FakeBackendOptions } from '@totp-gate/core/testing';
import '../index.js';
import { manualClock } from './gate-fixtures.js';
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

/**
 * A rendered tree, shadow roots included, as text: elements with their sorted attributes, the
 * rules of every adopted style sheet as the browser parsed them, and text with each run of
 * whitespace as one space (the one change the template minifier may make to text). Comments
 * (Lit's markers) are left out.
 */
function snapshot(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').replace(/[ \t\n\f\r]+/g, ' ');
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  const el = node as Element;
  const attributes = [...el.attributes].map((a) => ` ${a.name}=${JSON.stringify(a.value)}`).sort();
  const root = el.shadowRoot;
  const shadow = root
    ? `#shadow[${root.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).join('\n')}]` +
      [...root.childNodes].map(snapshot).join('')
    : '';
  return `<${el.localName}${attributes.join('')}>${shadow}${[...el.childNodes].map(snapshot).join('')}</${el.localName}>`;
}

/** Waits until the tree has rendered and stopped changing (lazy elements load in both worlds). */
async function settledSnapshot(el: Element, what: string): Promise<string> {
  let last = '';
  let same = 0;
  for (let i = 0; i < 400 && same < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const now = snapshot(el);
    same = now === last && !now.includes('Checking your sign-in') ? same + 1 : 0;
    last = now;
  }
  if (same < 4) throw new Error(`${what} did not settle`);
  return last;
}

describe('dist/totp-gate.js renders what the sources render (templates minified at build time)', () => {
  let frame: HTMLIFrameElement;
  let win: Window;
  const clock = manualClock();

  before(async () => {
    frame = document.createElement('iframe');
    frame.src = PAGE;
    document.body.append(frame);
    win = await until(() => (frame.contentWindow as any)?.bundlePage && frame.contentWindow, 'the page');
    await (win as any).bundlePage;
  });
  after(() => frame.remove());

  /** The same element, from the sources here and from the bundle in the frame, set up alike. */
  async function both(
    tag: string,
    setUp: (el: any, gate: Gate | undefined) => void | Promise<void>,
    options?: FakeBackendOptions,
    prepare?: (backend: FakeBackend) => TotpBackend | void,
  ): Promise<[string, string]> {
    const shots: string[] = [];
    for (const doc of [document, frame.contentDocument!]) {
      let gate: Gate | undefined;
      if (options) {
        const backend = createFakeBackend({ now: clock.now, ...options });
        gate = createGate({ backend: prepare?.(backend) ?? backend });
      }
      const el = doc.createElement(tag);
      el.setAttribute('lang', 'en');
      doc.body.append(el);
      try {
        await setUp(el, gate);
        shots.push(await settledSnapshot(el, `${tag} in ${doc === document ? 'the sources' : 'the bundle'}`));
      } finally {
        el.remove();
        gate?.dispose();
      }
    }
    expect(shots[0]!.length).to.be.greaterThan(200);
    return [shots[0]!, shots[1]!];
  }

  const viaGate = (el: any, gate: Gate | undefined) => {
    el.clock = clock;
    el.gate = gate;
  };

  it('<totp-gate> asking for a code', async () => {
    const [sources, bundle] = await both('totp-gate', viaGate, { enrolled: true });
    expect(sources).to.include('Enter your authentication code');
    expect(bundle).to.equal(sources);
  });

  it('<totp-gate> asking for a recovery code', async () => {
    const [sources, bundle] = await both(
      'totp-gate',
      async (el, gate) => {
        viaGate(el, gate);
        await gate!.refresh();
        const switchTo = await until(
          () =>
            el.shadowRoot
              ?.querySelector('totp-challenge')
              ?.shadowRoot?.querySelector('[part="switch"]') as HTMLButtonElement | null,
          'the recovery switch',
        );
        switchTo.click();
      },
      { enrolled: true },
      // The fake has issued no recovery codes; the way in is offered only while some are left.
      (backend) => ({ ...backend, status: async (o) => ({ ...(await backend.status(o)), recoveryCodesLeft: 5 }) }),
    );
    expect(sources).to.include('Sign in with a recovery code');
    expect(bundle).to.equal(sources);
  });

  it('<totp-gate> locked out, with the countdown', async () => {
    const [sources, bundle] = await both(
      'totp-gate',
      async (el, gate) => {
        viaGate(el, gate);
        await gate!.refresh();
        for (let i = 0; i < 30 && gate!.getState().status !== 'locked'; i++) await gate!.verify('000000');
      },
      { enrolled: true },
    );
    expect(sources).to.include('Too many attempts');
    expect(bundle).to.equal(sources);
  });

  it('<totp-gate> offering enrollment, deferred with its banner, and failed', async () => {
    const enroll = await both('totp-gate', viaGate, {});
    expect(enroll[0]).to.include('totp-enroll');
    expect(enroll[1]).to.equal(enroll[0]);
    const deferred = await both(
      'totp-gate',
      async (el, gate) => {
        viaGate(el, gate);
        await gate!.refresh();
        await gate!.defer();
      },
      { graceEndsAt: new Date(clock.now() + 7 * 86_400_000) },
    );
    expect(deferred[0]).to.include('Set up now');
    expect(deferred[1]).to.equal(deferred[0]);
    const failed = await both('totp-gate', viaGate, { enrolled: true }, (backend) => backend.failNext('network'));
    expect(failed[0]).to.include('Something went wrong');
    expect(failed[1]).to.equal(failed[0]);
  });

  it('<totp-code-input> with a hint and an error, and <totp-recovery-codes>', async () => {
    const input = await both('totp-code-input', (el) => {
      el.hint = 'Six  digits';
      el.error = 'That code is not right.';
      el.value = '12 3';
    });
    expect(input[1]).to.equal(input[0]);
    const codes = await both('totp-recovery-codes', (el) => {
      el.codes = ['abcde-12345', 'fghij-67890'];
      el.issuer = 'Acme';
      el.account = 'alice@example.com';
    });
    expect(codes[0]).to.include('abcde-12345');
    expect(codes[1]).to.equal(codes[0]);
  });
});
