/**
 * Decodes a QR code drawn as SVG the way a phone would see it: the browser rasterises the very
 * SVG the element rendered, and an independent decoder (jsQR) reads the pixels.
 */
import * as jsqrModule from 'jsqr';

// jsQR ships a UMD bundle: as CommonJS it has a default export, run as a plain module it sets `self.jsQR`.
type JsQr = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' },
) => { binaryData: number[]; data: string } | null;
const jsQR: JsQr = (jsqrModule as unknown as { default?: JsQr }).default ?? (globalThis as any).jsQR;

/** Rasterises an SVG element at `pixelsPerUnit` pixels per viewBox unit into RGBA pixels. */
export async function rasterize(svgElement: SVGSVGElement, pixelsPerUnit = 6): Promise<ImageData> {
  const [, , width, height] = svgElement.getAttribute('viewBox')!.split(/\s+/).map(Number) as number[];
  const markup = new XMLSerializer().serializeToString(svgElement);
  // A blob: URL of the test's own making; the product never builds one for the QR code.
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width! * pixelsPerUnit;
    canvas.height = height! * pixelsPerUnit;
    const context = canvas.getContext('2d')!;
    context.imageSmoothingEnabled = false;
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return context.getImageData(0, 0, canvas.width, canvas.height);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The text encoded in a rendered QR code (bytes read as UTF-8), or null when no code is found. */
export async function decodeQrSvg(svgElement: SVGSVGElement): Promise<string | null> {
  const pixels = await rasterize(svgElement);
  const found = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' });
  return found ? new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(found.binaryData)) : null;
}
