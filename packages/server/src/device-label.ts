/**
 * The label of a remembered device ("Firefox on Linux"), made from the browser's `User-Agent`
 * header so the person can tell their devices apart in the list. It carries no secret and no
 * version number, and it is shown as text, never as markup (S59).
 */

/** The longest label (the `DeviceInfo` schema allows 128 characters). */
export const DEVICE_LABEL_MAX = 64;

/** What a device is called when its user agent says nothing recognisable. */
export const UNKNOWN_DEVICE = 'Unknown browser';

// Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bChromium\//, 'Chromium'],
  [/\b(Headless)?Chrome\/|\bCriOS\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];

const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/\biPhone\b|\biPad\b|\biPod\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMacintosh\b|\bMac OS X\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

function first(list: ReadonlyArray<[RegExp, string]>, text: string): string | null {
  for (const [pattern, name] of list) if (pattern.test(text)) return name;
  return null;
}

/**
 * A short label for a user agent: browser and system when both are known, else what is known.
 *
 * @example
 * deviceLabel('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')
 * // → 'Firefox on Linux'
 */
export function deviceLabel(userAgent: string | null): string {
  // Only the start is looked at: a header of megabytes costs no more than one of a line.
  const text = (userAgent ?? '').slice(0, 512);
  const browser = first(BROWSERS, text);
  const system = first(SYSTEMS, text);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `Browser on ${system}` : UNKNOWN_DEVICE);
}
