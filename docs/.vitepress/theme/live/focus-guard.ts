/**
 * Keeps a live example from taking focus, and so from scrolling the page to itself, before the
 * reader has interacted with it. The elements move focus to each step's heading, as an app wants
 * when the gate appears; on a docs page that would pull the reader down to the first example
 * while the page loads. Until the reader presses a pointer or a key inside the example, or Tabs
 * into it, focus that moves into the stage is handed back and the scroll position restored.
 */

/** How soon after the reader's own key or pointer press a focus move counts as theirs (ms). */
const INPUT_WINDOW_MS = 1000;

/** The element that really has focus, through open shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Starts guarding `stage` inside `root` (the example with its buttons); returns the undo. */
export function guardFocus(root: HTMLElement, stage: HTMLElement): () => void {
  let engaged = false;
  let lastInput = Number.NEGATIVE_INFINITY;
  let scroll = { x: window.scrollX, y: window.scrollY };

  const engage = () => void (engaged = true);
  const input = () => void (lastInput = performance.now());
  const remember = () => void (scroll = { x: window.scrollX, y: window.scrollY });
  const onFocusIn = (event: FocusEvent) => {
    if (engaged || !event.composedPath().includes(stage)) return;
    if (performance.now() - lastInput < INPUT_WINDOW_MS) return engage(); // the reader Tabbed in
    const { x, y } = scroll;
    (deepActiveElement() as HTMLElement | null)?.blur();
    const previous = event.relatedTarget;
    if (previous instanceof HTMLElement && !stage.contains(previous)) previous.focus({ preventScroll: true });
    window.scrollTo(x, y);
    // Chromium may scroll the focused element into view after the focus events: undo that too.
    requestAnimationFrame(() => window.scrollTo(x, y));
  };

  root.addEventListener('pointerdown', engage, true);
  root.addEventListener('keydown', engage, true);
  document.addEventListener('pointerdown', input, true);
  document.addEventListener('keydown', input, true);
  window.addEventListener('scroll', remember, { passive: true });
  document.addEventListener('focusin', onFocusIn, true);
  return () => {
    root.removeEventListener('pointerdown', engage, true);
    root.removeEventListener('keydown', engage, true);
    document.removeEventListener('pointerdown', input, true);
    document.removeEventListener('keydown', input, true);
    window.removeEventListener('scroll', remember);
    document.removeEventListener('focusin', onFocusIn, true);
  };
}
