/**
 * What the gate checks when an enrollment starts: that the otpauth URI the server sent says what
 * its other fields say, and which settings some authenticator apps ignore. Browser-safe. Its own
 * module because the gate loads it with `import()` when an enrollment starts, and bundlers split
 * code by module: it imports nothing the sign-in path holds (not even the errors), so that path
 * stays in one chunk.
 */
import { issuerParameterMatching, splitOtpauthUri } from './otpauth-split.js';
import type { OtpauthParameters } from './otpauth-uri.js';

/** A parameter set some authenticator apps silently ignore. */
export type CompatibilityWarning = 'algorithm' | 'digits' | 'period';

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
