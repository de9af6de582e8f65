import { expect, fixture, html } from '@open-wc/testing';
import { parseOtpauthUri } from '@totp-gate/core';
import { buildOtpauthUri, totp } from '@totp-gate/core/otp';
import { decodeQrSvg } from '../test/qr-decode.js';
import { allAttributeValues, inShadow, lightDomText, spyConsole, storedText } from '../test/helpers.js';
import QRCode from 'qrcode/lib/core/qrcode.js';
import { QUIET_ZONE, qrMatrix, qrSegments } from './qr-matrix.js';
import { TotpQr } from './qr.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function uriFor(issuer: string, account: string, extra: Partial<Parameters<typeof buildOtpauthUri>[0]> = {}) {
  return buildOtpauthUri({ issuer, account, secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, ...extra });
}

async function drawn(uri: string, label?: string): Promise<TotpQr> {
  const el = await fixture<TotpQr>(html`<totp-qr .uri=${uri} label=${label ?? ''}></totp-qr>`);
  await el.updateComplete;
  return el;
}

const svgOf = (el: TotpQr) => inShadow<SVGSVGElement>(el, 'svg');

describe('totp-qr', () => {
  it('is registered and draws one SVG path of dark modules on white, role="img", crisp, with a quiet zone', async () => {
    const uri = uriFor('Acme', 'alice@example.com');
    const el = await drawn(uri);
    expect(customElements.get('totp-qr')).to.equal(TotpQr);
    const svg = svgOf(el);
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('shape-rendering')).to.equal('crispEdges');
    const { size, path } = qrMatrix(uri);
    expect(svg.getAttribute('viewBox')).to.equal(`0 0 ${size} ${size}`);
    expect(svg.querySelectorAll('path')).to.have.length(1);
    expect(svg.querySelector('path')!.getAttribute('d')).to.equal(path);
    expect(svg.querySelector('path')!.getAttribute('fill')).to.equal('#000000');
    expect(svg.querySelector('rect')!.getAttribute('fill')).to.equal('#ffffff');
    // The first dark module (finder pattern corner) sits inside the four-module quiet zone.
    expect(path.startsWith(`M${QUIET_ZONE} ${QUIET_ZONE}h7`)).to.equal(true);
    expect(el.matches(':state(ready)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('scales with its box: the drawing fills the element at any size', async () => {
    const el = await drawn(uriFor('Acme', 'alice@example.com'));
    el.style.setProperty('--totp-qr-size', '333px');
    expect(svgOf(el).getBoundingClientRect().width).to.be.closeTo(333, 0.5);
    expect(svgOf(el).getBoundingClientRect().height).to.be.closeTo(333, 0.5);
  });

  for (const [issuer, account] of [
    ['Acme', 'alice@example.com'],
    ['Acme Corp & Sons', 'alice smith+tag@example.com'],
    ['A&B #1 ?x=%41+', 'bob #2 & ? % + @example.com'],
    ['Ünïcødé 東京', 'José Müller Ελένη Алиса'],
    ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'],
  ]) {
    it(`S10 S12 decodes back to the exact URI for issuer ${JSON.stringify(issuer)} and account ${JSON.stringify(account)}`, async () => {
      const uri = uriFor(issuer!, account!);
      const el = await drawn(uri);
      const decoded = await decodeQrSvg(svgOf(el));
      expect(decoded).to.equal(uri);
      const params = parseOtpauthUri(decoded!);
      expect([params.issuer, params.account, params.secret]).to.deep.equal([issuer, account, SECRET]);
      // The code an app computes from the scanned URI is the code the server expects.
      const now = Date.UTC(2026, 10, 27, 12, 0, 0);
      expect(totp(params.secret, now)).to.equal(totp(SECRET, now));
    });
  }

  it('S12 decodes a URI with non-default parameters and raw (not percent-encoded) UTF-8 back exactly', async () => {
    const uri = `otpauth://totp/Żółw 東京:ãlïce?secret=${SECRET}&issuer=Żółw 東京&algorithm=SHA256&digits=8&period=60`;
    const el = await drawn(uri);
    expect(await decodeQrSvg(svgOf(el))).to.equal(uri);
    expect(uriFor('Acme', 'alice', { algorithm: 'SHA512', digits: 8, period: 60 })).to.include('SHA512');
    const other = await drawn(uriFor('Acme', 'alice', { algorithm: 'SHA512', digits: 8, period: 60 }));
    expect(await decodeQrSvg(svgOf(other))).to.equal(
      uriFor('Acme', 'alice', { algorithm: 'SHA512', digits: 8, period: 60 }),
    );
  });

  it('encodes the base32 secret of an otpauth URI in alphanumeric mode and the rest as UTF-8 bytes', () => {
    const utf8 = (bytes: Uint8Array | string) => (typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
    const uri = uriFor('Acme', 'alice@example.com');
    const segments = qrSegments(uri);
    expect(segments.map((s) => s.mode)).to.deep.equal(['byte', 'alphanumeric', 'byte']);
    expect(segments[1]!.data).to.equal(SECRET);
    expect(segments.map((s) => utf8(s.data)).join('')).to.equal(uri);
    // The secret last in the query: no empty byte segment after it.
    const last = `otpauth://totp/Acme:al%C3%AFce?issuer=Acme&secret=${SECRET}`;
    expect(qrSegments(last).map((s) => s.mode)).to.deep.equal(['byte', 'alphanumeric']);
    expect(
      qrSegments(last)
        .map((s) => utf8(s.data))
        .join(''),
    ).to.equal(last);
    // No upper-case base32 secret (lower case, or not an otpauth URI): all bytes.
    for (const text of [uri.replace(SECRET, SECRET.toLowerCase()), 'hello, world', `x?secret=${SECRET}1`]) {
      expect(
        qrSegments(text).map((s) => s.mode),
        text,
      ).to.deep.equal(['byte']);
      expect(utf8(qrSegments(text)[0]!.data)).to.equal(text);
    }
  });

  it('draws symbols no larger than the encoder finds with its own search over every mode switch', () => {
    const long = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.repeat(3).slice(0, 52);
    const uris = [
      uriFor('Acme', 'alice@example.com'),
      uriFor('A', 'b'),
      uriFor('Acme Corporation International', 'alice.longname+tag@subdomain.example.com'),
      uriFor('Ünïcødé 東京', 'José Müller'),
      uriFor('Acme', 'alice', { algorithm: 'SHA512', digits: 8, period: 60 }),
      buildOtpauthUri({ issuer: 'Acme', account: 'alice', secret: long, algorithm: 'SHA1', digits: 6, period: 30 }),
    ];
    for (const uri of uris) {
      const searched = QRCode.create(uri, { errorCorrectionLevel: 'M' }).modules.size;
      expect(qrMatrix(uri).size - 2 * QUIET_ZONE, uri).to.be.at.most(searched);
    }
  });

  it('S36 names issuer and account in its aria-label, never the secret', async () => {
    const el = await drawn(uriFor('Acme', 'alice@example.com'));
    const label = svgOf(el).getAttribute('aria-label')!;
    expect(label).to.equal('QR code to set up Acme for alice@example.com in an authenticator app');
    expect(label).not.to.include(SECRET);
  });

  it('S36 ignores a host label that contains the secret, and uses a given safe label', async () => {
    const uri = uriFor('Acme', 'alice@example.com');
    const leaky = await drawn(uri, `Scan me ${SECRET.slice(0, 16)} ${SECRET.slice(16)}`);
    expect(svgOf(leaky).getAttribute('aria-label')).not.to.include(SECRET.slice(0, 16));
    const safe = await drawn(uri, 'Setup code for your phone');
    expect(svgOf(safe).getAttribute('aria-label')).to.equal('Setup code for your phone');
  });

  it('S36 S35 keeps the URI out of attributes, the light DOM, storage and the console, and drops it on disconnect', async () => {
    const consoleSpy = spyConsole();
    try {
      const uri = uriFor('Acme', 'alice@example.com');
      const el = await drawn(uri);
      expect(el.hasAttribute('uri')).to.equal(false);
      const everyAttribute = allAttributeValues().join('\n');
      expect(everyAttribute).not.to.include(SECRET);
      expect(everyAttribute).not.to.include('otpauth:');
      expect(lightDomText()).not.to.include(SECRET);
      expect(await storedText()).not.to.include(SECRET);
      el.remove();
      await el.updateComplete;
      expect(el.uri).to.equal('');
      expect(el.shadowRoot!.querySelector('svg')).to.equal(null);
      expect(consoleSpy.text()).not.to.include(SECRET);
    } finally {
      consoleSpy.restore();
    }
  });

  it('S33 draws without any network request, data URL or image element', async () => {
    const before = performance.getEntriesByType('resource').length;
    const el = await drawn(uriFor('Acme', 'alice@example.com'));
    const requests = performance
      .getEntriesByType('resource')
      .slice(before)
      .map((entry) => entry.name);
    // Only the lazily loaded encoder modules may be fetched, from this origin.
    for (const url of requests) expect(new URL(url).origin).to.equal(location.origin);
    expect(requests.join(' ')).not.to.include(SECRET);
    expect(el.shadowRoot!.querySelector('img, image, foreignObject')).to.equal(null);
    expect(allAttributeValues(el.shadowRoot!).join(' ')).not.to.include('data:');
  });

  it('shows a polite placeholder until the first drawing, and nothing to announce without a URI', async () => {
    const el = await fixture<TotpQr>(html`<totp-qr></totp-qr>`);
    expect(el.shadowRoot!.querySelector('svg')).to.equal(null);
    expect(inShadow(el, '[part="placeholder"]').hasAttribute('role')).to.equal(false);
    expect(el.matches(':state(empty)')).to.equal(true);
    el.uri = uriFor('Acme', 'alice@example.com');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('svg')).not.to.equal(null);
  });

  it('shows a polite loading placeholder until the drawing is ready', async () => {
    const el = await fixture<TotpQr>(html`<totp-qr></totp-qr>`);
    // Snapshot the shadow DOM at each render: the loading state lasts only until the encoder answers.
    const snapshots: { role: string | null; text: string; svg: boolean; loading: boolean }[] = [];
    const observer = new MutationObserver(() => {
      const placeholder = el.shadowRoot!.querySelector('[part="placeholder"]');
      snapshots.push({
        role: placeholder?.getAttribute('role') ?? null,
        text: placeholder?.textContent?.trim() ?? '',
        svg: el.shadowRoot!.querySelector('svg') !== null,
        loading: el.matches(':state(loading)'),
      });
    });
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true, attributes: true });
    el.uri = uriFor('Acme', 'alice@example.com');
    await el.updateComplete;
    observer.disconnect();
    expect(snapshots[0]).to.deep.equal({ role: 'status', text: 'Loading the QR code…', svg: false, loading: true });
    expect(snapshots.at(-1)!.svg).to.equal(true);
    expect(el.matches(':state(ready)')).to.equal(true);
  });

  it('says what to do instead when the text does not fit in a QR code', async () => {
    const el = await drawn(`otpauth://totp/A:b?secret=${'A'.repeat(4000)}&issuer=A`);
    const placeholder = inShadow(el, '[part="placeholder"]');
    expect(placeholder.getAttribute('role')).to.equal('alert');
    expect(placeholder.textContent).to.equal('The QR code could not be drawn. Enter the key by hand instead.');
    expect(el.matches(':state(failed)')).to.equal(true);
    expect(placeholder.textContent).not.to.include('AAAA');
    await expect(el).to.be.accessible();
    el.uri = uriFor('Acme', 'alice@example.com');
    await el.updateComplete;
    expect(el.matches(':state(ready)')).to.equal(true);
  });

  it('draws the latest URI when it changes quickly', async () => {
    const el = await fixture<TotpQr>(html`<totp-qr></totp-qr>`);
    el.uri = uriFor('First', 'a');
    await Promise.resolve();
    el.uri = uriFor('Second', 'b');
    await el.updateComplete;
    expect(await decodeQrSvg(svgOf(el))).to.equal(uriFor('Second', 'b'));
  });

  it('S39 renders an issuer made of markup as text in its label', async () => {
    const el = await drawn(uriFor('<b onmouseover=alert(1)>Acme</b>', '<script>x()</script>'));
    expect(svgOf(el).getAttribute('aria-label')).to.equal(
      'QR code to set up <b onmouseover=alert(1)>Acme</b> for <script>x()</script> in an authenticator app',
    );
    expect(el.shadowRoot!.querySelector('b, script')).to.equal(null);
  });
});
