/**
 * The WCAG contrast of the focused control's ring (its outermost box-shadow layer, else an
 * outline of 2px or more) against the first painted background behind it, through shadow roots.
 * Plain JavaScript with no imports: the elements' browser tests import it, and the demo's
 * end-to-end test runs its text in the page (without `export`).
 */
export function measureFocusRing() {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active) return { ratio: 1, ring: 'nothing focused', background: '' };
  const rgb = (color) => {
    const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)/.exec(color);
    if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
    const c = /color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+))?\)/.exec(color);
    return c
      ? [Number(c[1]) * 255, Number(c[2]) * 255, Number(c[3]) * 255, c[4] === undefined ? 1 : Number(c[4])]
      : null;
  };
  const lum = (c) =>
    [0, 1, 2]
      .map((i) => {
        const v = c[i] / 255;
        return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      })
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let behind = [255, 255, 255];
  for (let node = active.parentNode; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    const bg = node instanceof Element ? rgb(getComputedStyle(node).backgroundColor) : null;
    if (bg && bg[3] > 0) {
      behind = bg.slice(0, 3);
      break;
    }
  }
  const style = getComputedStyle(active);
  const layers = style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\))/);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? style.outlineColor : '';
  const color = rgb(layers.at(-1) ?? '') ?? rgb(outline);
  if (!color || color[3] === 0) return { ratio: 1, ring: 'none', background: String(behind) };
  const ring = [0, 1, 2].map((i) => color[i] * color[3] + behind[i] * (1 - color[3]));
  const [hi, lo] = [lum(ring), lum(behind)].sort((a, b) => b - a);
  return { ratio: (hi + 0.05) / (lo + 0.05), ring: String(ring.map(Math.round)), background: String(behind) };
}
