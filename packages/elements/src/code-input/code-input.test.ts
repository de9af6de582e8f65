import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TotpCodeCompleteEvent } from '../events.js';
import { inShadow, lightDomText, paste, spyConsole, storedText, typeInto } from '../test/helpers.js';
import { sanitizeCode, TotpCodeInput } from './code-input.js';

const field = (el: TotpCodeInput) => inShadow<HTMLInputElement>(el, 'input');

/** Collects the events of the given types fired on (or through) an element. */
function record(el: EventTarget, ...types: string[]) {
  const events: Event[] = [];
  for (const type of types) el.addEventListener(type, (e) => events.push(e));
  return {
    events,
    of: (type: string) => events.filter((e) => e.type === type),
  };
}

async function focusAndType(el: TotpCodeInput, text: string) {
  el.focus();
  typeInto(field(el), text);
  await el.updateComplete;
}

/** Real key presses through the browser (slower): for the tests about the keyboard itself. */
/** A form around `<totp-code-input name="code">` (with `auto-submit` if asked) that records each submit's code. */
async function submittingForm(autoSubmit = false) {
  const form = await fixture<HTMLFormElement>(
    html`<form><totp-code-input name="code" ?auto-submit=${autoSubmit}></totp-code-input></form>`,
  );
  const submits: string[] = [];
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submits.push(String(new FormData(form).get('code')));
  });
  return { el: form.querySelector('totp-code-input')!, submits };
}

async function focusAndPress(el: TotpCodeInput, text: string) {
  el.focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('totp-code-input', () => {
  it('is registered and renders one labelled text field with a numeric keyboard and one-time-code autocomplete', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input></totp-code-input>`);
    expect(el).to.be.instanceOf(TotpCodeInput);
    expect(customElements.get('totp-code-input')).to.equal(TotpCodeInput);
    const inputs = el.shadowRoot!.querySelectorAll('input');
    expect(inputs).to.have.length(1);
    const input = inputs[0]!;
    expect(input.type).to.equal('text');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.labels?.[0]?.textContent?.trim()).to.equal('Authentication code');
    await expect(el).to.be.accessible();
  });

  it('takes its label and hint from attributes and links the hint to the field', async () => {
    const el = await fixture<TotpCodeInput>(
      html`<totp-code-input label="Code from your app" hint="Six digits, no spaces needed"></totp-code-input>`,
    );
    expect(field(el).labels?.[0]?.textContent?.trim()).to.equal('Code from your app');
    const described = field(el).getAttribute('aria-describedby')!;
    expect(inShadow(el, `#${described}`).textContent).to.equal('Six digits, no spaces needed');
    await expect(el).to.be.accessible();
  });

  it('keeps what is typed, fires native input events through the shadow boundary, and one totp-code-complete', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input></totp-code-input>`);
    const log = record(el, 'input', 'totp-code-complete');
    const seen: string[] = [];
    el.addEventListener('input', () => seen.push(el.value));
    await focusAndPress(el, '012345');
    expect(el.value).to.equal('012345');
    expect(log.of('input')).to.have.length(6);
    expect(seen).to.deep.equal(['0', '01', '012', '0123', '01234', '012345']);
    const complete = log.of('totp-code-complete');
    expect(complete).to.have.length(1);
    expect(complete[0]).to.be.instanceOf(TotpCodeCompleteEvent);
    expect((complete[0] as TotpCodeCompleteEvent).code).to.equal('012345');
    expect(complete[0]!.bubbles && complete[0]!.composed).to.equal(true);
  });

  it('drops spaces and dashes as they are typed', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input></totp-code-input>`);
    await focusAndPress(el, '123 45-6');
    expect(el.value).to.equal('123456');
    expect(field(el).value).to.equal('123456');
  });

  it('keeps the caret where the person edits in the middle of the code', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input></totp-code-input>`);
    await focusAndType(el, '12456');
    field(el).setSelectionRange(2, 2);
    await sendKeys({ type: '3' });
    expect(el.value).to.equal('123456');
    expect(field(el).selectionStart).to.equal(3);
  });

  for (const [pasted, expected] of <[string, string][]>[
    ['123456', '123456'],
    ['123 456', '123456'],
    ['123-456', '123456'],
    [' 123\u00a0456\n', '123456'],
    ['１２３４５６', '123456'],
    ['１２３－４５６', '123456'],
    ['٠١٢٣٤٥', '012345'],
  ]) {
    it(`accepts a pasted ${JSON.stringify(pasted)} as ${expected} and fires input, change and totp-code-complete`, async () => {
      const el = await fixture<TotpCodeInput>(html`<totp-code-input></totp-code-input>`);
      const log = record(el, 'input', 'change', 'totp-code-complete');
      field(el).focus();
      paste(field(el), pasted);
      await el.updateComplete;
      expect(el.value).to.equal(expected);
      expect(field(el).value).to.equal(expected);
      expect(log.of('input')).to.have.length(1);
      expect(log.of('change')).to.have.length(1);
      expect((log.of('totp-code-complete')[0] as TotpCodeCompleteEvent).code).to.equal(expected);
    });
  }

  it('replaces a half-typed code with a complete pasted one', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input></totp-code-input>`);
    await focusAndType(el, '99');
    paste(field(el), '123 456');
    await el.updateComplete;
    expect(el.value).to.equal('123456');
  });

  it('inserts a partial paste at the caret instead of blocking it (WCAG 3.3.8)', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input></totp-code-input>`);
    const log = record(el, 'input', 'totp-code-complete');
    await focusAndType(el, '16');
    field(el).setSelectionRange(1, 1);
    paste(field(el), '2 34-5');
    await el.updateComplete;
    expect(el.value).to.equal('123456');
    expect(field(el).selectionStart).to.equal(5);
    expect(log.of('totp-code-complete')).to.have.length(1);
  });

  it('keeps letters visible and reports them as a pattern mismatch with a message', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input></totp-code-input>`);
    paste(field(el), 'abc123');
    await el.updateComplete;
    expect(el.value).to.equal('abc123');
    expect(el.validity.patternMismatch).to.equal(true);
    expect(el.validationMessage).to.equal('The code is made of digits only.');
    expect(el.complete).to.equal(false);
  });

  it('shows progress toward the full length, visually and politely for screen readers', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input></totp-code-input>`);
    const live = inShadow(el, '[aria-live="polite"]');
    expect(live.textContent).to.equal('0 of 6 digits');
    await focusAndType(el, '123');
    expect(live.textContent).to.equal('3 of 6 digits');
    const progress = inShadow(el, '[part="progress"]');
    expect(progress.getAttribute('aria-hidden')).to.equal('true');
    expect(progress.querySelectorAll('.cell')).to.have.length(6);
    expect(progress.querySelectorAll('.cell.filled')).to.have.length(3);
    await expect(el).to.be.accessible();
    typeInto(field(el), '456');
    await el.updateComplete;
    await el.updateComplete;
    expect(live.textContent).to.equal('6 of 6 digits');
    expect(el.matches(':state(complete)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('supports other lengths through digits', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input digits="8"></totp-code-input>`);
    const log = record(el, 'totp-code-complete');
    await focusAndType(el, '123456');
    expect(log.events).to.have.length(0);
    expect(el.validity.tooShort).to.equal(true);
    typeInto(field(el), '78');
    await el.updateComplete;
    expect(log.events).to.have.length(1);
    expect(inShadow(el, '[part="progress"]').querySelectorAll('.cell')).to.have.length(8);
  });

  it('fires a composed change event from the host when the field is left after an edit', async () => {
    const parent = await fixture<HTMLDivElement>(
      html`<div><totp-code-input></totp-code-input><button>next</button></div>`,
    );
    const el = parent.querySelector('totp-code-input')!;
    const changes: Event[] = [];
    parent.addEventListener('change', (e) => changes.push(e));
    await focusAndPress(el, '1234');
    await sendKeys({ press: 'Tab' });
    expect(changes).to.have.length(1);
    expect(changes[0]!.target).to.equal(el);
  });

  it('shows an error linked with aria-describedby and aria-invalid, in an alert, cleared by the next edit', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input></totp-code-input>`);
    el.error = 'That code is not right.';
    await el.updateComplete;
    const input = field(el);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const error = inShadow(el, `#${input.getAttribute('aria-describedby')}`);
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.equal('That code is not right.');
    expect(el.matches(':state(invalid)')).to.equal(true);
    await expect(el).to.be.accessible();
    await focusAndType(el, '1');
    expect(el.error).to.equal('');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect(input.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('S39 renders script payloads in label, hint and error as text', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const el = await fixture<TotpCodeInput>(
      html`<totp-code-input .label=${payload} .hint=${payload}></totp-code-input>`,
    );
    el.error = payload;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect(inShadow(el, 'label').textContent).to.equal(payload);
    expect(inShadow(el, '[part="error"]').textContent).to.equal(payload);
    expect((window as any).__pwned).to.equal(undefined);
  });

  it('focus() reaches the field (delegatesFocus); select() and clear() act on it', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input value="123456"></totp-code-input>`);
    el.focus();
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(field(el));
    el.select();
    await sendKeys({ type: '9' });
    expect(el.value).to.equal('9');
    const log = record(el, 'input', 'change');
    el.clear();
    await el.updateComplete;
    expect(el.value).to.equal('');
    expect(field(el).value).to.equal('');
    expect(log.events).to.have.length(0);
    expect(el.shadowRoot!.activeElement).to.equal(field(el));
  });

  it('showError() shows the message and puts the person back in the field with the code selected; empty clears', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input value="123456"></totp-code-input>`);
    const outside = document.createElement('button');
    document.body.append(outside);
    try {
      outside.focus();
      el.showError('That code is not right.');
      await el.updateComplete;
      expect(inShadow(el, '[part="error"]').textContent).to.equal('That code is not right.');
      expect(field(el).getAttribute('aria-invalid')).to.equal('true');
      expect(el.shadowRoot!.activeElement).to.equal(field(el));
      await sendKeys({ type: '7' });
      expect(el.value).to.equal('7');
      el.value = '123456';
      outside.focus();
      el.showError('');
      await el.updateComplete;
      expect(el.error).to.equal('');
      expect(field(el).getAttribute('aria-invalid')).to.equal('false');
      expect(document.activeElement).to.equal(outside);
    } finally {
      outside.remove();
    }
  });

  it('cleans a value set as a property or attribute, without firing events', async () => {
    const el = await fixture<TotpCodeInput>(html`<totp-code-input value="１２３ ４５６"></totp-code-input>`);
    expect(el.value).to.equal('123456');
    const log = record(el, 'input', 'change', 'totp-code-complete');
    el.value = '654-321';
    await el.updateComplete;
    expect(field(el).value).to.equal('654321');
    expect(log.events).to.have.length(0);
  });

  it('S35 S36 never reflects the code into an attribute, the light DOM, storage or the console', async () => {
    const consoleSpy = spyConsole();
    try {
      const el = await fixture<TotpCodeInput>(html`<totp-code-input name="code"></totp-code-input>`);
      await focusAndType(el, '918273');
      paste(field(el), '918 273');
      await el.updateComplete;
      expect(el.value).to.equal('918273');
      expect([...el.attributes].map((a) => a.value).join(' ')).not.to.include('918273');
      expect(lightDomText()).not.to.include('918273');
      expect(await storedText()).not.to.include('918273');
      expect(consoleSpy.text()).not.to.include('918273');
    } finally {
      consoleSpy.restore();
    }
  });

  describe('in a form', () => {
    it('submits its value under its name', async () => {
      const form = await fixture<HTMLFormElement>(html`<form><totp-code-input name="code"></totp-code-input></form>`);
      const el = form.querySelector('totp-code-input')!;
      expect(el.form).to.equal(form);
      await focusAndType(el, '123 456');
      expect(new FormData(form).get('code')).to.equal('123456');
    });

    it('is valueMissing when required and empty, tooShort when incomplete, valid when complete', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><totp-code-input name="code" required></totp-code-input></form>`,
      );
      const el = form.querySelector('totp-code-input')!;
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.equal('Enter the 6-digit code.');
      expect(form.checkValidity()).to.equal(false);
      await focusAndType(el, '123');
      expect(el.validity.valueMissing).to.equal(false);
      expect(el.validity.tooShort).to.equal(true);
      expect(el.validationMessage).to.equal('Enter all 6 digits of the code.');
      typeInto(field(el), '4567');
      await el.updateComplete;
      expect(el.validity.tooLong).to.equal(true);
      await sendKeys({ press: 'Backspace' });
      expect(el.validity.valid).to.equal(true);
      expect(form.checkValidity()).to.equal(true);
    });

    it('blocks a submit while invalid and then shows the reason inline, linked to the field', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><totp-code-input name="code" required></totp-code-input><button>Verify</button></form>`,
      );
      const el = form.querySelector('totp-code-input')!;
      let submitted = 0;
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        submitted++;
      });
      await focusAndType(el, '12');
      form.requestSubmit();
      await el.updateComplete;
      expect(submitted).to.equal(0);
      const input = field(el);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(inShadow(el, `#${input.getAttribute('aria-describedby')}`).textContent).to.equal(
        'Enter all 6 digits of the code.',
      );
      await expect(el).to.be.accessible();
    });

    it('returns to its value attribute on form reset, and restores saved state', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><totp-code-input name="code" value="111111"></totp-code-input></form>`,
      );
      const el = form.querySelector('totp-code-input')!;
      el.focus();
      field(el).setSelectionRange(6, 6);
      typeInto(field(el), '2');
      await el.updateComplete;
      expect(el.value).to.equal('1111112');
      form.reset();
      await el.updateComplete;
      expect(el.value).to.equal('111111');
      expect(field(el).value).to.equal('111111');
      expect(new FormData(form).get('code')).to.equal('111111');
      el.formStateRestoreCallback('222 222');
      expect(el.value).to.equal('222222');
    });

    it('is disabled by a disabled fieldset and by its own disabled attribute, and is then left out of the form data', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form>
          <fieldset><totp-code-input name="code" value="123456"></totp-code-input></fieldset>
        </form>`,
      );
      const fieldset = form.querySelector('fieldset')!;
      const el = form.querySelector('totp-code-input')!;
      expect(new FormData(form).get('code')).to.equal('123456');
      fieldset.disabled = true;
      await el.updateComplete;
      expect(field(el).disabled).to.equal(true);
      expect(new FormData(form).has('code')).to.equal(false);
      await expect(el).to.be.accessible();
      fieldset.disabled = false;
      await el.updateComplete;
      expect(field(el).disabled).to.equal(false);
      el.disabled = true;
      await el.updateComplete;
      expect(field(el).disabled).to.equal(true);
      expect(el.hasAttribute('disabled')).to.equal(true);
      expect(new FormData(form).has('code')).to.equal(false);
    });

    it('submits the form on Enter', async () => {
      const { el, submits } = await submittingForm();
      await focusAndType(el, '123456');
      expect(submits).to.deep.equal([]);
      await sendKeys({ press: 'Enter' });
      expect(submits).to.deep.equal(['123456']);
    });

    it('with auto-submit, submits once when the code is complete', async () => {
      const { el, submits } = await submittingForm(true);
      await focusAndType(el, '12345');
      expect(submits).to.deep.equal([]);
      typeInto(field(el), '6');
      await el.updateComplete;
      expect(submits).to.deep.equal(['123456']);
      paste(field(el), '123456');
      expect(submits).to.have.length(1);
      paste(field(el), '654321');
      expect(submits).to.deep.equal(['123456', '654321']);
    });
  });
});

describe('sanitizeCode', () => {
  it('removes separators, converts digits of other scripts and keeps anything else', () => {
    expect(sanitizeCode('12 3-4\u20135')).to.equal('12345');
    expect(sanitizeCode('１２３')).to.equal('123');
    expect(sanitizeCode('12a')).to.equal('12a');
    expect(sanitizeCode('')).to.equal('');
  });
});
