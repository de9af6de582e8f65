/**
 * The reading of an otpauth TOTP URI that the full parser (`otpauth-uri.ts`) and the gate's lazy
 * yes-or-no check (`enrollment-checks.ts`) share. Internal, not exported from the package. A module
 * of its own so that neither imports the other: the parser is reached statically from the package
 * root, the check only through the gate's `import()`, and a module imported both ways cannot be
 * split into the lazy chunk (bundlers warn, and the docs build must be warning-free).
 */

/**
 * The decoded label and the query of an otpauth TOTP URI, or null when it is not one.
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
 */
export function issuerParameterMatching(param: string, prefix: string): string | null {
  if (param === prefix) return param;
  return param.includes('+') && param.replace(/\+/g, ' ') === prefix ? prefix : null;
}
