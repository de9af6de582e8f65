import { expect } from '@open-wc/testing';

const PAGE = new URL('./csp/page.csp.html', import.meta.url).pathname;
const STRICT = "default-src 'self'; require-trusted-types-for 'script'";

interface PageReport {
  shown: Record<string, number>;
  steps: string[];
  pwned: boolean;
}

/** Loads the strict-CSP page in an iframe and waits for it to render every element. */
async function loadPage(query = ''): Promise<{ frame: HTMLIFrameElement; report: PageReport; violations: string[] }> {
  const frame = document.createElement('iframe');
  frame.src = `${PAGE}${query}`;
  document.body.append(frame);
  await new Promise((resolve, reject) => {
    frame.addEventListener('load', resolve, { once: true });
    frame.addEventListener('error', reject, { once: true });
  });
  const win = frame.contentWindow as any;
  for (let i = 0; i < 800 && !win.cspPage; i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!win.cspPage) throw new Error(`The page did not start: ${JSON.stringify(win.cspViolations)}`);
  const report: PageReport = await win.cspPage;
  return { frame, report, violations: win.cspViolations };
}

describe('S38 strict Content-Security-Policy with Trusted Types', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('serves the test page with the policy under test', async () => {
    const response = await fetch(PAGE);
    expect(response.headers.get('content-security-policy')).to.equal(STRICT);
    const restricted = await fetch(`${PAGE}?trusted-types=lit-html`);
    expect(restricted.headers.get('content-security-policy')).to.equal(`${STRICT}; trusted-types lit-html`);
  });

  it('S38 renders all eight elements, walks the gate from enrollment to the app, totp-manage and totp-admin through their screens, with zero violations', async function () {
    // The page loads the modules of every element, <totp-manage>'s and <totp-admin>'s included,
    // walks their screens and starts the admin test server: more than 10 s on a busy machine.
    this.timeout(60_000);
    const { report, violations } = await loadPage();
    expect(violations).to.deep.equal([]);
    for (const tag of ['totp-code-input', 'totp-qr', 'totp-recovery-codes', 'totp-enroll', 'totp-challenge']) {
      expect(report.shown[tag], tag).to.be.above(2);
    }
    expect(report.shown['totp-gate (recovery codes)']).to.be.above(0);
    for (const screen of ['overview', 'scan', 'two authenticators', 'codes']) {
      expect(report.shown[`totp-manage (${screen})`], `totp-manage (${screen})`).to.be.above(10);
    }
    for (const screen of ['list', 'detail', 'dry run']) {
      expect(report.shown[`totp-admin (${screen})`], `totp-admin (${screen})`).to.be.above(20);
    }
    expect(report.steps).to.deep.equal(['enrolling', 'recovery-codes', 'verified']);
    expect(report.pwned, 'S39 a script payload ran').to.equal(false);
  });

  it('S38 needs no Trusted Types policy other than lit-html', async function () {
    this.timeout(60_000);
    const { report, violations } = await loadPage('?trusted-types=lit-html');
    expect(violations).to.deep.equal([]);
    expect(report.steps).to.deep.equal(['enrolling', 'recovery-codes', 'verified']);
  });

  it('the policy is really enforced on that page: eval and string script text are refused and reported', async function () {
    this.timeout(60_000);
    const { frame, violations } = await loadPage();
    const win = frame.contentWindow as any;
    expect(() => win.eval('1')).to.throw();
    const script = frame.contentDocument!.createElement('script');
    expect(() => {
      script.text = 'window.__ran = 1';
    }).to.throw(/TrustedScript/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Both go through Trusted Types first (a string to eval is a Trusted Types sink too).
    expect(violations).to.have.length(2);
    for (const violation of violations) expect(violation).to.match(/^require-trusted-types-for blocked/);
  });
});
