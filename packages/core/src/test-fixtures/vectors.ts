/**
 * The shared RFC vectors, fetched from the dev server (its root is the repository root), so no
 * test ever retypes an RFC value.
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
  const response = await fetch(`/test/vectors/${name}`);
  if (!response.ok) throw new Error(`Could not load /test/vectors/${name}: ${response.status}`);
  return (await response.json()) as T;
}

export const hotpVectors = (): Promise<HotpVectors> => load('rfc4226-hotp.json');
export const totpVectors = (): Promise<TotpVectors> => load('rfc6238-totp.json');

/** Bytes of an ASCII string (the RFC seeds are ASCII digits). */
export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
