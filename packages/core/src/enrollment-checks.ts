/**
 * What the gate checks when an enrollment starts: that the otpauth URI the server sent says what
 * its other fields say, and which settings some authenticator apps ignore; and the reading of an
 * otpauth URI that `otpauth-uri.ts` shares. Browser-safe. Its own module because the gate loads
 * it with `import()` when an enrollment starts, and bundlers split code by module: it imports
 * nothing the sign-in path holds (not even the errors), so that path stays in one chunk.
 */
import type { OtpauthParameters } from './otpauth-uri.js';

/** A parameter set some authenticator apps silently ignore. */
export type CompatibilityWarning = 'algorithm' | 'digits' | 'period';

/**
 * The decoded label and the query of an otpauth TOTP URI, or null when it is not one.
 * @internal
 */
export function splitOtpauthUri(uri: string): [label: string, query: URLSearchParams] | null {
  const match = /^otpauth:\/\/totp\/([^?#]*)\?([^#]*)$/.exec(uri);
  try {
    // A literal `+` is a plus sign here, not a space: encoders write spaces as %20.
    return match && [decodeURIComponent(match[1]!), new URLSearchParams(match[2]!.replace(/\+/g, '%2B'))];
  } catch {
    return null; // broken percent-encoding
  }
}

/**
 * The issuer parameter as it matches the label prefix, or null when it does not. A literal `+` is
 * a plus sign, but systems that build the query with `URLSearchParams` (better-auth, several
 * authenticator exports) write a space as `+` while the label has `%20`: when reading those `+`
 * as spaces makes the parameter equal the prefix, that is what the issuer means.
 * @internal
 */
export function issuerParameterMatching(param: string, prefix: string): string | null {
  if (param === prefix) return param;
  return param.includes('+') && param.replace(/\+/g, ' ') === prefix ? prefix : null;
}

/**
 * Whether an otpauth TOTP URI carries exactly these parameters, with the issuer as label prefix
 * and as `issuer` parameter and no `:` in issuer or account (S9, S10). The gate uses it to make
 * sure the QR code and the key shown beside it agree. It only answers yes or no, so it is smaller
 * than `parseOtpauthUri`: the other fields are checked by the `Enrollment` schema.
 */
export function otpauthUriMatches(uri: string, params: OtpauthParameters): boolean {
  const split = splitOtpauthUri(uri);
  if (!split) return false;
  const [label, query] = split;
  const { issuer, account } = params;
  const plain = (part: string) => part.trim() !== '' && !part.includes(':');
  return (
    plain(issuer) &&
    plain(account) &&
    label === `${issuer}:${account}` &&
    issuerParameterMatching(query.get('issuer') ?? '', issuer) === issuer &&
    query.get('secret') === params.secret &&
    (query.get('algorithm') ?? 'SHA1') === params.algorithm &&
    (query.get('digits') ?? '6') === String(params.digits) &&
    (query.get('period') ?? '30') === String(params.period)
  );
}

/**
 * Warnings for parameters other than SHA1 / 6 digits / 30 s: several authenticator apps
 * ignore them and then show codes the server will refuse (S11).
 */
export function compatibilityWarnings(
  params: Pick<OtpauthParameters, 'algorithm' | 'digits' | 'period'>,
): CompatibilityWarning[] {
  const warnings: CompatibilityWarning[] = [];
  if (params.algorithm !== 'SHA1') warnings.push('algorithm');
  if (params.digits !== 6) warnings.push('digits');
  if (params.period !== 30) warnings.push('period');
  return warnings;
}
