/**
 * Types for the encoder core of `qrcode`, imported directly: the package's browser entry also
 * bundles canvas and SVG-string renderers that `<totp-qr>` does not use. The module is CommonJS,
 * so it is imported through its default export (`module.exports`), which every bundler provides.
 */
declare module 'qrcode/lib/core/qrcode.js' {
  import type { create } from 'qrcode';

  const QRCode: { create: typeof create };
  export default QRCode;
}
