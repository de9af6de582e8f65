import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { TotpRecoveryCodesAcknowledgedEvent } from '../events.js';
import { allAttributeValues, inShadow, lightDomText, spyConsole, storedText } from '../test/helpers.js';
import { recoveryCodesFileName, TotpRecoveryCodes } from './recovery-codes.js';

const CODES = ['k7p2m-9xq4r', 'b3n8w-t6v1z', 'h5c9d-2fj7s', 'q4r6y-8mn3x', 'z2w5e-7tb9k'];

async function shown(codes: readonly string[] = CODES, issuer = 'Acme Corp', account = 'alice@example.com') {
  return fixture<TotpRecoveryCodes>(
    html`<totp-recovery-codes .codes=${codes} issuer=${issuer} account=${account}></totp-recovery-codes>`,
  );
}

const part = <T extends HTMLElement = HTMLElement>(el: TotpRecoveryCodes, name: string) =>
  inShadow<T>(el, `[part~="${name}"]`);

/** Replaces a method for the duration of a test; `restore()` puts the original back. */
function stub<T extends object, K extends keyof T>(target: T, key: K, replacement: T[K]) {
  const original = target[key];
  Object.defineProperty(target, key, { value: replacement, configurable: true, writable: true });
  return { restore: () => Object.defineProperty(target, key, { value: original, configurable: true, writable: true }) };
}

describe('totp-recovery-codes', () => {
  it('is registered and shows every code in a monospace list under a heading', async () => {
    const el = await shown();
    expect(customElements.get('totp-recovery-codes')).to.equal(TotpRecoveryCodes);
    expect(part(el, 'heading').textContent).to.equal('Save your recovery codes');
    const items = [...el.shadowRoot!.querySelectorAll('[part="code"]')].map((li) => li.textContent);
    expect(items).to.deep.equal(CODES);
    expect(getComputedStyle(part(el, 'list')).fontFamily).to.match(/mono/i);
    await expect(el).to.be.accessible();
  });

  it('keeps Continue disabled until "I have saved these codes" is ticked, then fires totp-recovery-codes-acknowledged', async () => {
    const el = await shown();
    const events: Event[] = [];
    el.addEventListener('totp-recovery-codes-acknowledged', (e) => events.push(e));
    const proceed = part<HTMLButtonElement>(el, 'continue-button');
    expect(proceed.textContent!.trim()).to.equal('Continue');
    expect(proceed.disabled).to.equal(true);
    proceed.click();
    expect(events).to.have.length(0);
    const checkbox = inShadow<HTMLInputElement>(el, 'input[type="checkbox"]');
    expect(checkbox.labels![0]!.textContent!.trim()).to.equal('I have saved these codes');
    checkbox.click();
    await el.updateComplete;
    expect(proceed.disabled).to.equal(false);
    expect(el.matches(':state(saved)')).to.equal(true);
    await expect(el).to.be.accessible();
    proceed.click();
    expect(events).to.have.length(1);
    expect(events[0]).to.be.instanceOf(TotpRecoveryCodesAcknowledgedEvent);
    expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);
    checkbox.click();
    await el.updateComplete;
    expect(proceed.disabled).to.equal(true);
  });

  it('works with the keyboard alone: Space ticks the box, Enter continues', async () => {
    const el = await shown();
    let acknowledged = 0;
    el.addEventListener('totp-recovery-codes-acknowledged', () => acknowledged++);
    inShadow<HTMLInputElement>(el, 'input[type="checkbox"]').focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'continue-button'));
    await sendKeys({ press: 'Enter' });
    expect(acknowledged).to.equal(1);
  });

  it('focusHeading() moves focus to the heading so the step is announced', async () => {
    const el = await shown();
    el.focusHeading();
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'heading'));
  });

  it('S37 copies all codes only when "Copy all" is clicked, and announces it politely', async () => {
    const written: string[] = [];
    const clipboard = stub(navigator.clipboard, 'writeText', async (text: string) => {
      written.push(text);
    });
    try {
      const el = await shown();
      await el.updateComplete;
      expect(written).to.deep.equal([]);
      part(el, 'copy-button').click();
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(written).to.deep.equal([CODES.join('\n')]);
      const status = part(el, 'status');
      expect(status.getAttribute('role')).to.equal('status');
      expect(status.textContent!.trim()).to.equal('Recovery codes copied to the clipboard.');
      await expect(el).to.be.accessible();
    } finally {
      clipboard.restore();
    }
  });

  it('says when copying failed and selects the codes for copying by hand', async () => {
    const clipboard = stub(navigator.clipboard, 'writeText', () => Promise.reject(new DOMException('denied')));
    try {
      const el = await shown();
      part(el, 'copy-button').click();
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(part(el, 'status').textContent!.trim()).to.equal(
        'Could not copy. Select the codes and copy them by hand.',
      );
      expect(getSelection()!.toString()).to.include(CODES[0]);
      expect(getSelection()!.toString()).to.include(CODES[4]);
    } finally {
      clipboard.restore();
      getSelection()!.removeAllRanges();
    }
  });

  it('downloads a .txt named after the issuer from a blob: URL made on click and revoked afterwards', async () => {
    const blobs: Blob[] = [];
    const revoked: string[] = [];
    const links: HTMLAnchorElement[] = [];
    const timers: { callback: () => void; delay: number }[] = [];
    const create = stub(URL, 'createObjectURL', (blob: Blob) => {
      blobs.push(blob);
      return `blob:${location.origin}/fake-${blobs.length}`;
    });
    const revoke = stub(URL, 'revokeObjectURL', (url: string) => void revoked.push(url));
    // Capture the link instead of starting a real download.
    const click = stub(HTMLAnchorElement.prototype, 'click', function (this: HTMLAnchorElement) {
      links.push(this);
    });
    try {
      const el = await shown();
      expect(blobs).to.have.length(0);
      const timeout = stub(window, 'setTimeout', ((callback: () => void, delay: number) => {
        timers.push({ callback, delay });
        return 0;
      }) as typeof setTimeout);
      try {
        part(el, 'download-button').click();
      } finally {
        timeout.restore();
      }
      expect(blobs).to.have.length(1);
      expect(links).to.have.length(1);
      expect(links[0]!.download).to.equal('acme-corp-recovery-codes.txt');
      expect(links[0]!.href).to.equal(`blob:${location.origin}/fake-1`);
      expect(links[0]!.href.startsWith('data:')).to.equal(false);
      expect(blobs[0]!.type).to.equal('text/plain;charset=utf-8');
      expect(await blobs[0]!.text()).to.equal(
        `Recovery codes for Acme Corp (alice@example.com). Each code works once.\n\n${CODES.join('\n')}\n`,
      );
      expect(revoked).to.deep.equal([]);
      expect(timers).to.have.length(1);
      timers[0]!.callback();
      expect(revoked).to.deep.equal([`blob:${location.origin}/fake-1`]);
      expect(links[0]!.isConnected).to.equal(false);
    } finally {
      create.restore();
      revoke.restore();
      click.restore();
    }
  });

  it('revokes a pending download URL when it leaves the page', async () => {
    const revoked: string[] = [];
    const create = stub(URL, 'createObjectURL', () => 'blob:test/1');
    const revoke = stub(URL, 'revokeObjectURL', (url: string) => void revoked.push(url));
    const click = stub(HTMLAnchorElement.prototype, 'click', () => {});
    try {
      const el = await shown();
      part(el, 'download-button').click();
      expect(revoked).to.deep.equal([]);
      el.remove();
      expect(revoked).to.deep.equal(['blob:test/1']);
    } finally {
      create.restore();
      revoke.restore();
      click.restore();
    }
  });

  it('prints only the codes: the page is hidden while it prints and restored afterwards', async () => {
    const el = await shown();
    const sheetsBefore = document.adoptedStyleSheets.length;
    let printed = 0;
    const print = stub(window, 'print', () => {
      printed++;
      expect(el.matches(':state(printing)')).to.equal(true);
    });
    try {
      part(el, 'print-button').click();
      expect(printed).to.equal(1);
      expect(document.adoptedStyleSheets).to.have.length(sheetsBefore + 1);
      await emulateMedia({ media: 'print' });
      expect(getComputedStyle(document.body).visibility).to.equal('hidden');
      expect(getComputedStyle(part(el, 'list')).visibility).to.equal('visible');
      expect(getComputedStyle(part(el, 'heading')).visibility).to.equal('hidden');
      expect(getComputedStyle(part(el, 'copy-button')).visibility).to.equal('hidden');
      const header = inShadow(el, '.print-only');
      expect(getComputedStyle(header).display).to.equal('block');
      expect(header.textContent).to.equal('Recovery codes for Acme Corp (alice@example.com). Each code works once.');
      window.dispatchEvent(new Event('afterprint'));
      expect(el.matches(':state(printing)')).to.equal(false);
      expect(document.adoptedStyleSheets).to.have.length(sheetsBefore);
      expect(getComputedStyle(document.body).visibility).to.equal('visible');
    } finally {
      print.restore();
      await emulateMedia({ media: 'screen' });
    }
  });

  it('uses a generic header when the issuer or account is not known', async () => {
    const blobs: Blob[] = [];
    const create = stub(URL, 'createObjectURL', (blob: Blob) => (blobs.push(blob), 'blob:test/2'));
    const click = stub(HTMLAnchorElement.prototype, 'click', () => {});
    try {
      const el = await fixture<TotpRecoveryCodes>(html`<totp-recovery-codes .codes=${CODES}></totp-recovery-codes>`);
      part(el, 'download-button').click();
      expect((await blobs[0]!.text()).split('\n')[0]).to.equal('Recovery codes. Each code works once.');
      el.remove();
    } finally {
      create.restore();
      click.restore();
    }
  });

  it('S34 S35 S36 keeps the codes out of attributes, the light DOM, storage and the console, and drops them on disconnect', async () => {
    const consoleSpy = spyConsole();
    try {
      const el = await shown();
      const checkbox = inShadow<HTMLInputElement>(el, 'input[type="checkbox"]');
      checkbox.click();
      await el.updateComplete;
      const attributes = allAttributeValues().join('\n');
      const light = lightDomText();
      const stored = await storedText();
      for (const code of CODES) {
        expect(attributes).not.to.include(code);
        expect(light).not.to.include(code);
        expect(stored).not.to.include(code);
      }
      el.remove();
      await el.updateComplete;
      expect(el.codes).to.deep.equal([]);
      expect(el.shadowRoot!.querySelectorAll('[part="code"]')).to.have.length(0);
      expect(el.matches(':state(saved)')).to.equal(false);
      for (const code of CODES) expect(consoleSpy.text()).not.to.include(code);
    } finally {
      consoleSpy.restore();
    }
  });

  it('asks again for confirmation when a new set of codes arrives', async () => {
    const el = await shown();
    inShadow<HTMLInputElement>(el, 'input[type="checkbox"]').click();
    await el.updateComplete;
    el.codes = ['n3w00-c0d35'];
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'continue-button').disabled).to.equal(true);
    expect(inShadow<HTMLInputElement>(el, 'input[type="checkbox"]').checked).to.equal(false);
  });

  it('S39 renders markup in codes, issuer and messages as text', async () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    const el = await shown([payload], payload, payload);
    el.messages = { recoveryCodesTitle: payload };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(el, 'code').textContent).to.equal(payload);
    expect(part(el, 'heading').textContent).to.equal(payload);
    expect(inShadow(el, '.print-only').textContent).to.include(payload);
    expect((window as any).__pwned).to.equal(undefined);
  });
});

describe('recoveryCodesFileName', () => {
  it('names the file after the issuer with letters and digits of any script', () => {
    expect(recoveryCodesFileName('Acme Corp')).to.equal('acme-corp-recovery-codes.txt');
    expect(recoveryCodesFileName('Ünïcødé 東京 / <b>')).to.equal('ünïcødé-東京-b-recovery-codes.txt');
    expect(recoveryCodesFileName('../../etc/passwd')).to.equal('etc-passwd-recovery-codes.txt');
    expect(recoveryCodesFileName('')).to.equal('recovery-codes.txt');
    expect(recoveryCodesFileName('***')).to.equal('recovery-codes.txt');
  });
});
