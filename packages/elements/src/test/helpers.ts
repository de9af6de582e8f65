/**
 * Test helpers shared by the elements' browser tests: real clipboard events, console spies and
 * searches of everything a page could leak a secret through (attributes, light DOM, storage).
 */

/** Dispatches a real `paste` ClipboardEvent carrying `text`, as the browser does for Ctrl+V. */
export function paste(target: Element, text: string): ClipboardEvent {
  const clipboardData = new DataTransfer();
  clipboardData.setData('text/plain', text);
  const event = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true, composed: true });
  target.dispatchEvent(event);
  return event;
}

/**
 * Types `text` into a text field one character at a time as the browser does for key presses
 * (insert at the caret, then a composed `input` event), without the keyboard round trip of
 * `sendKeys`, so the many typing tests stay fast on a loaded machine. Tests of the keyboard
 * itself (Enter, Tab) use `sendKeys`.
 */
export function typeInto(input: HTMLInputElement, text: string): void {
  for (const char of text) {
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    input.setRangeText(char, start, end, 'end');
    input.dispatchEvent(
      new InputEvent('input', { inputType: 'insertText', data: char, bubbles: true, composed: true }),
    );
  }
}

/** The open shadow root of an element, or a failure naming the element. */
export function shadow(element: Element): ShadowRoot {
  if (!element.shadowRoot) throw new Error(`${element.localName} has no open shadow root`);
  return element.shadowRoot;
}

/** The first match of `selector` inside an element's shadow root, or a failure naming it. */
export function inShadow<T extends Element = HTMLElement>(element: Element, selector: string): T {
  const found = shadow(element).querySelector<T>(selector);
  if (!found) throw new Error(`${element.localName} has no ${selector} in its shadow root`);
  return found;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;

/** Records every console call until `restore()`; `text()` joins all their arguments. */
export function spyConsole(): { calls: unknown[][]; text(): string; restore(): void } {
  const calls: unknown[][] = [];
  const originals = CONSOLE_METHODS.map((name) => [name, console[name] as (...args: unknown[]) => void] as const);
  for (const [name, original] of originals) {
    (console as any)[name] = (...args: unknown[]) => {
      calls.push(args);
      original.apply(console, args);
    };
  }
  return {
    calls,
    text: () =>
      calls
        .flat()
        .map((arg) => {
          try {
            return typeof arg === 'string' ? arg : JSON.stringify(arg);
          } catch {
            return String(arg);
          }
        })
        .join('\n'),
    restore: () => {
      for (const [name, original] of originals) (console as any)[name] = original;
    },
  };
}

/** Every attribute value in the document's light DOM and in every open shadow root below it. */
export function allAttributeValues(root: Document | ShadowRoot = document): string[] {
  const values: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.attributes) values.push(attribute.value);
    if (element.shadowRoot) values.push(...allAttributeValues(element.shadowRoot));
  }
  return values;
}

/** The light-DOM text and attributes of the page (what scripts, extensions and crawlers read first). */
export function lightDomText(): string {
  const attributes: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) attributes.push(attribute.value);
  }
  return `${document.documentElement.textContent ?? ''}\n${attributes.join('\n')}`;
}

/** Everything the page keeps in Web Storage, cookies, Cache Storage and IndexedDB database names. */
export async function storedText(): Promise<string> {
  const parts: string[] = [document.cookie];
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      parts.push(key, storage.getItem(key) ?? '');
    }
  }
  if ('caches' in globalThis) {
    for (const name of await caches.keys()) {
      parts.push(name);
      const cache = await caches.open(name);
      for (const request of await cache.keys()) parts.push(request.url, await (await cache.match(request))!.text());
    }
  }
  if (indexedDB.databases) for (const db of await indexedDB.databases()) parts.push(db.name ?? '');
  return parts.join('\n');
}

/** Resolves after the element (and its pending async work) has settled a frame. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
