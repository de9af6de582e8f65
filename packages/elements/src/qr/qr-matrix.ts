/**
 * The only module that imports `qrcode`. It is loaded with a dynamic `import()` by `<totp-qr>`,
 * so people who only sign in never download the encoder.
 */
import QRCode from 'qrcode/lib/core/qrcode.js';

/** Light modules around the symbol that scanners need to find it (ISO/IEC 18004). */
export const QUIET_ZONE = 4;

/** A QR symbol ready to draw: its side in modules (quiet zone included) and one path of dark modules. */
export interface QrMatrix {
  /** Side of the whole drawing in modules, quiet zone included. */
  size: number;
  /** SVG path data with one rectangle per horizontal run of dark modules, in module units. */
  path: string;
}

/**
 * Encodes `text` as a QR symbol with error correction level M and returns it as path data.
 * Runs of dark modules on a row become one rectangle, which keeps the path short.
 * @throws Error when the text does not fit in a QR code.
 */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = modules.size;
  let path = '';
  for (let y = 0; y < side; y++) {
    let x = 0;
    while (x < side) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < side && modules.get(y, x)) x++;
      path += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`;
    }
  }
  return { size: side + 2 * QUIET_ZONE, path };
}
