/**
 * Loads the built single-file bundle (dist/totp-gate.js) the way a page without a bundler does,
 * and gives the `<totp-qr>` on the page a URI. Nothing from the sources is imported here.
 */
const BUNDLE = '/packages/elements/dist/totp-gate.js';

(window as any).bundlePage = import(/* @vite-ignore */ BUNDLE).then((module) => {
  const qr = document.querySelector('totp-qr') as HTMLElement & { uri: string };
  qr.uri = 'otpauth://totp/Acme:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme';
  return Object.keys(module).sort();
});
