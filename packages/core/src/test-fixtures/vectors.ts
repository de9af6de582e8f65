/**
 * The shared RFC vectors (test/vectors/ at the repository root), so no test ever retypes an RFC
 * value: fetched from the dev server in Chromium (its root is the repository root), read from
 * the file under Node.
 */
export interface HotpVectors {
  algorithm: 'SHA1';
  digits: number;
  secretAscii: string;
  secretHex: string;
  secretBase32: string;
  codes: Array<{ counter: number; code: string }>;
}

export interface TotpVectors {
  t0: number;
  period: number;
  digits: number;
  secrets: Record<'SHA1' | 'SHA256' | 'SHA512', { ascii: string; base32: string }>;
  codes: Array<{ time: number; stepHex: string; SHA1: string; SHA256: string; SHA512: string }>;
  sixDigitSha1: Record<string, string>;
  wrongSeedTrap: { SHA256: string; SHA512: string };
}

async function load<T>(name: string): Promise<T> {
  const url = new URL(`../../../../test/vectors/${name}`, import.meta.url);
  if (url.protocol === 'file:') {
    // Named in a variable so that the browser's dev server does not try to resolve it.
    const fs = 'node:fs/promises';
    const { readFile } = (await import(fs)) as { readFile(url: URL, encoding: 'utf8'): Promise<string> };
    return JSON.parse(await readFile(url, 'utf8')) as T;
  }
  const response = await fetch(url.href);
  if (!response.ok) throw new Error(`Could not load ${url.pathname}: ${response.status}`);
  return (await response.json()) as T;
}

export const hotpVectors = (): Promise<HotpVectors> => load('rfc4226-hotp.json');
export const totpVectors = (): Promise<TotpVectors> => load('rfc6238-totp.json');

/** Bytes of an ASCII string (the RFC seeds are ASCII digits). */
export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
