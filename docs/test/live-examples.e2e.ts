// The built docs site in Chromium: every component page's live example renders in each of its
// states and reacts to input, and no page logs an error. Run after `npm run docs:build`.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { CATALOG } from '../.vitepress/theme/live/catalog.js';
import { DIST, useBuiltSite } from './static-server.js';

const TAGS = Object.keys(CATALOG);
const site = useBuiltSite();

/** Opens a page and records every console error and uncaught exception. */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await site.browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`);
  });
  await page.goto(`${site.url}${path}`);
  return { page, errors };
}

async function example(page: Page, tag: string): Promise<Locator> {
  await page.locator(`.live-example[data-tag="${tag}"][data-ready="true"]`).first().waitFor({ timeout: 15_000 });
  return page.locator(`.live-example[data-tag="${tag}"]`).first();
}

/** Puts the example in a state and waits until that state (a fresh mount) is on the page. */
async function choose(ex: Locator, scenario: string): Promise<void> {
  const before = Number(await ex.getAttribute('data-mounts'));
  await ex.locator(`.live-example__bar button[data-scenario="${scenario}"]`).click();
  await ex.page().waitForFunction(
    ([root, id, count]) => {
      const el = document.querySelectorAll('.live-example')[Number(root)] as HTMLElement | undefined;
      if (!el) return false;
      return (
        el.dataset['scenario'] === id && el.dataset['ready'] === 'true' && Number(el.dataset['mounts']) > Number(count)
      );
    },
    [
      await ex.evaluate((el) => String([...document.querySelectorAll('.live-example')].indexOf(el))),
      scenario,
      String(before),
    ],
    { timeout: 15_000 },
  );
}

/** Whether the element on the stage has rendered something in its shadow root. */
async function rendered(ex: Locator, tag: string): Promise<boolean> {
  return ex
    .locator(`.live-example__stage ${tag}`)
    .first()
    .evaluate((el) => (el.shadowRoot?.childElementCount ?? 0) > 0 && el.getBoundingClientRect().height > 0);
}

async function logged(ex: Locator, text: string): Promise<void> {
  await ex.locator('.live-example__log li', { hasText: text }).first().waitFor({ timeout: 10_000 });
}

async function fillRightCode(ex: Locator): Promise<void> {
  await ex.locator('[data-testid="current-code"]').waitFor();
  await ex.locator('button[data-action="fill"]').click();
}

/** Opens `path`, runs `body` on the page, then checks that the page logged no error, and closes it. */
async function onPage(path: string, body: (page: Page) => Promise<void>): Promise<void> {
  const { page, errors } = await open(path);
  try {
    await body(page);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
}

/** {@link onPage} with the page's (first) live example of `tag`, once it is ready. */
function withExample(path: string, tag: string, body: (ex: Locator, page: Page) => Promise<void>): Promise<void> {
  return onPage(path, async (page) => body(await example(page, tag), page));
}

describe('live examples', () => {
  for (const tag of TAGS) {
    it(`<${tag}> renders in every state with no console errors`, () =>
      withExample(`/components/${tag}.html`, tag, async (ex, page) => {
        for (const { id } of CATALOG[tag]!) {
          await choose(ex, id);
          assert.equal(await ex.locator('.live-example__failure').count(), 0, `${tag}/${id} failed to load`);
          await page.waitForFunction(
            ([t]) => {
              const el = document.querySelector(`.live-example__stage ${t}`);
              return !!el?.shadowRoot && el.shadowRoot.childElementCount > 0;
            },
            [tag],
            { timeout: 10_000 },
          );
          assert.ok(await rendered(ex, tag), `${tag}/${id} rendered nothing`);
        }
      }));
  }

  it('<totp-gate>: enrolling with the right code, then saving the recovery codes, opens the app', () =>
    withExample('/components/totp-gate.html', 'totp-gate', async (ex) => {
      await choose(ex, 'enroll');
      const app = ex.locator('.live-example__app');
      assert.equal(await app.isVisible(), false, 'the app must stay hidden before enrollment');
      await ex.getByRole('button', { name: 'Set up an authenticator app' }).click();
      await fillRightCode(ex);
      await ex.getByRole('button', { name: 'Verify' }).click();
      await ex.getByRole('checkbox', { name: 'I have saved these codes' }).check();
      await ex.getByRole('button', { name: 'Continue' }).click();
      await app.waitFor({ state: 'visible' });
      await logged(ex, 'totp-enrolled');
    }));

  it('<totp-gate>: a wrong code is refused and the right one opens the app', () =>
    withExample('/components/totp-gate.html', 'totp-gate', async (ex) => {
      await choose(ex, 'challenge');
      const code = await ex.locator('[data-testid="current-code"]').innerText();
      const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
      const field = ex.getByLabel('Authentication code');
      await field.fill(wrong);
      await ex.getByRole('button', { name: 'Verify' }).click();
      await logged(ex, 'totp-error → invalid-code');
      assert.equal(await ex.locator('.live-example__app').isVisible(), false);
      await fillRightCode(ex);
      await ex.getByRole('button', { name: 'Verify' }).click();
      await ex.locator('.live-example__app').waitFor({ state: 'visible' });
      await logged(ex, 'totp-verified');
    }));

  it('<totp-gate>: "Later" inside a grace period opens the app; "Try again" recovers from a failure', () =>
    withExample('/components/totp-gate.html', 'totp-gate', async (ex) => {
      await choose(ex, 'grace');
      await ex.getByRole('button', { name: 'Later' }).click();
      await ex.locator('.live-example__app').waitFor({ state: 'visible' });

      await choose(ex, 'failed');
      await ex.getByRole('button', { name: 'Try again' }).click();
      await ex.getByLabel('Authentication code').waitFor();
    }));

  it('<totp-manage>: adding an app asks for a current code first, then its QR code and its own code', () =>
    withExample('/components/totp-manage.html', 'totp-manage', async (ex) => {
      await choose(ex, 'overview');
      await ex.getByText('Test browser').waitFor();
      await ex.getByRole('button', { name: 'Add an authenticator app' }).click();
      await ex.getByLabel('Name').fill('Tablet');
      await ex.getByRole('button', { name: 'Continue' }).click();
      await ex.getByRole('heading', { name: 'Confirm it is you' }).waitFor();
      await fillRightCode(ex);
      await ex.getByRole('button', { name: 'Verify' }).click();
      await ex.locator('totp-manage totp-qr svg').waitFor();
      await ex.getByRole('button', { name: "Type the new app's code" }).click();
      await ex.getByRole('button', { name: 'Verify' }).click();
      await logged(ex, 'totp-account-change → factor-added');
      await ex.getByText('“Tablet” was added.').waitFor();

      await choose(ex, 'few-codes');
      await ex.getByText('2 recovery codes left.').waitFor();
      await ex.locator('totp-manage [part="warning"]').waitFor();
    }));

  it('<totp-enroll> and <totp-challenge> accept the code the fake backend computes', async () => {
    for (const [tag, event] of [
      ['totp-enroll', 'totp-enrolled'],
      ['totp-challenge', 'totp-verified'],
    ] as const) {
      await withExample(`/components/${tag}.html`, tag, async (ex) => {
        await fillRightCode(ex);
        await ex.getByRole('button', { name: 'Verify' }).click();
        await logged(ex, event);
      });
    }
  });

  it('<totp-code-input> cleans up a typed "123 456" and fires input', () =>
    withExample('/components/totp-code-input.html', 'totp-code-input', async (ex) => {
      // A reader clicks into the field first; the focus guard hands back focus that arrives
      // without the reader's own pointer or key press.
      const field = ex.getByLabel('Authentication code');
      await field.click();
      await field.pressSequentially('123 456');
      await logged(ex, 'value="123456"');
      await logged(ex, 'totp-code-complete');
    }));

  it('<totp-recovery-codes> continues only after "I have saved these codes"', () =>
    withExample('/components/totp-recovery-codes.html', 'totp-recovery-codes', async (ex) => {
      const next = ex.getByRole('button', { name: 'Continue' });
      assert.equal(await next.isEnabled(), false);
      await ex.getByRole('checkbox', { name: 'I have saved these codes' }).check();
      await next.click();
      await logged(ex, 'totp-recovery-codes-acknowledged');
    }));

  it('<totp-qr> draws an SVG image whose accessible name does not contain the secret', () =>
    withExample('/components/totp-qr.html', 'totp-qr', async (ex) => {
      const img = ex.getByRole('img');
      await img.waitFor();
      const { label, secret } = await ex.locator('totp-qr').evaluate((el) => {
        const qr = el as HTMLElement & { uri: string };
        const svg = qr.shadowRoot!.querySelector('[role="img"]')!;
        return {
          label: svg.getAttribute('aria-label') ?? '',
          secret: new URL(qr.uri).searchParams.get('secret') ?? '',
        };
      });
      assert.ok(secret.length >= 32);
      assert.ok(label.length > 0 && !label.includes(secret));
    }));

  it('the theming guide applies its worked example to the live example', () =>
    withExample('/guide/theming.html', 'totp-gate', async (ex) => {
      const accent = await ex
        .locator('totp-gate.acme-theme')
        .evaluate((el) => getComputedStyle(el).getPropertyValue('--totp-color-accent').trim());
      assert.equal(accent, '#0f766e');
    }));
});

describe('live examples wait for the reader', () => {
  /** Where focus really is (through shadow roots), and the page's scroll offset. */
  const where = (page: Page) =>
    page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return {
        scrollY: window.scrollY,
        inExample: Boolean(active?.closest('.live-example') || active?.getRootNode() instanceof ShadowRoot),
      };
    });

  for (const path of ['/guide/getting-started.html', '/guide/theming.html', '/components/totp-gate.html']) {
    it(`${path}: a live gate takes no focus and scrolls nothing on load, and focuses its step once the reader acts`, () =>
      withExample(path, 'totp-gate', async (ex, page) => {
        // The gate moves focus to its step's heading right after it mounts; give it time to try.
        await ex
          .locator('totp-gate')
          .evaluate((el) => (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete);
        await page.waitForTimeout(500);
        assert.deepEqual(await where(page), { scrollY: 0, inExample: false });

        // The reader picks a state of the example: now the gate may move focus to its step.
        const scenario = await ex.getAttribute('data-scenario');
        await choose(ex, scenario === 'challenge' ? 'enroll' : 'challenge');
        await page.waitForFunction(() => {
          let active: Element | null = document.activeElement;
          while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
          return active?.localName === 'h2';
        });
      }));
  }
});

describe('every page', () => {
  it('loads with no console errors, failed requests or uncaught exceptions', async () => {
    const pages: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'assets') walk(path);
        else if (entry.name.endsWith('.html') && entry.name !== '404.html') pages.push(`/${relative(DIST, path)}`);
      }
    };
    walk(DIST);
    assert.ok(pages.length >= 15, `only ${pages.length} pages built`);
    const problems: string[] = [];
    for (const path of pages) {
      const { page, errors } = await open(path);
      await page.waitForLoadState('networkidle');
      problems.push(...errors.map((e) => `${path}: ${e}`));
      // Tag names in text (sidebar, headings, tables) must stay text, never become live elements.
      const stray = await page.evaluate(
        () =>
          [...document.querySelectorAll('*')].filter(
            (el) => el.localName.startsWith('totp-') && !el.closest('.live-example__stage'),
          ).length,
      );
      if (stray) problems.push(`${path}: ${stray} <totp-*> element(s) outside the live examples`);
      await page.close();
    }
    assert.deepEqual(problems, []);
  });
});
