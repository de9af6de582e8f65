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

/** The `secret` parameter's value when it is upper-case base32, as otpauth URIs carry it. */
const BASE32_SECRET = /[?&]secret=([A-Z2-7]+)(?=&|#|$)/;

/** A run of the text and the QR mode that encodes it. */
export type QrSegment = { mode: 'byte'; data: Uint8Array } | { mode: 'alphanumeric'; data: string };

/**
 * The segments `text` is encoded in: the base32 secret of an otpauth URI in alphanumeric mode
 * (5.5 bits a character instead of 8), everything else in byte mode (UTF-8).
 *
 * Left to itself, `qrcode` finds the best segments for any text with a shortest-path search over
 * every mode switch, which costs 20 to 60 ms on the first call in a fresh page (about 1 ms this
 * way). For an otpauth URI the only run worth another mode is the secret (the rest has lower-case
 * letters or symbols alphanumeric mode lacks), so this gives the same symbol version as that
 * search (see the tests) without running it.
 */
export function qrSegments(text: string): QrSegment[] {
  const utf8 = new TextEncoder();
  const match = BASE32_SECRET.exec(text);
  if (!match) return [{ mode: 'byte', data: utf8.encode(text) }];
  const end = match.index + match[0].length;
  const start = end - match[1]!.length;
  const parts: QrSegment[] = [
    { mode: 'byte', data: utf8.encode(text.slice(0, start)) },
    { mode: 'alphanumeric', data: match[1]! },
    { mode: 'byte', data: utf8.encode(text.slice(end)) },
  ];
  return parts.filter((part) => part.data.length > 0);
}

/**
 * Encodes `text` as a QR symbol with error correction level M and returns it as path data.
 * Runs of dark modules on a row become one rectangle, which keeps the path short.
 * @throws Error when the text does not fit in a QR code.
 */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(qrSegments(text), { errorCorrectionLevel: 'M' });
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
