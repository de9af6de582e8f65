/**
 * The WCAG contrast of the focused control's ring (its outermost box-shadow layer, else an
 * outline of 2px or more) against the first painted background behind it, through shadow roots.
 * Plain JavaScript with no imports: the elements' browser tests import it, and the demo's
 * end-to-end test runs its text in the page (without `export`).
 */
/** @typedef {[red: number, green: number, blue: number]} Rgb */

/** @returns {{ ratio: number, ring: string, background: string }} */
export function measureFocusRing() {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active) return { ratio: 1, ring: 'nothing focused', background: '' };
  /** @type {(color: string) => [...Rgb, alpha: number] | null} */
  const rgb = (color) => {
    const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)/.exec(color);
    if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
    const c = /color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+))?\)/.exec(color);
    return c
      ? [Number(c[1]) * 255, Number(c[2]) * 255, Number(c[3]) * 255, c[4] === undefined ? 1 : Number(c[4])]
      : null;
  };
  /** @param {number} channel */
  const linear = (channel) => {
    const v = channel / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  /** @param {Rgb} c */
  const lum = (c) => linear(c[0]) * 0.2126 + linear(c[1]) * 0.7152 + linear(c[2]) * 0.0722;
  /** @type {Rgb} */
  let behind = [255, 255, 255];
  for (let node = active.parentNode; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    const bg = node instanceof Element ? rgb(getComputedStyle(node).backgroundColor) : null;
    if (bg && bg[3] > 0) {
      behind = [bg[0], bg[1], bg[2]];
      break;
    }
  }
  const style = getComputedStyle(active);
  const layers = style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\))/);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? style.outlineColor : '';
  const color = rgb(layers.at(-1) ?? '') ?? rgb(outline);
  if (!color || color[3] === 0) return { ratio: 1, ring: 'none', background: String(behind) };
  const alpha = color[3];
  /** @param {number} over @param {number} under */
  const mix = (over, under) => over * alpha + under * (1 - alpha);
  /** @type {Rgb} */
  const ring = [mix(color[0], behind[0]), mix(color[1], behind[1]), mix(color[2], behind[2])];
  const high = Math.max(lum(ring), lum(behind));
  const low = Math.min(lum(ring), lum(behind));
  return {
    ratio: (high + 0.05) / (low + 0.05),
    ring: String(ring.map(Math.round)),
    background: String(behind),
  };
}
