/**
 * `importBetterAuthFactors`: moving from better-auth's own two-factor plugin to TOTP Gate's
 * server (the recommended way) without asking anyone to scan a new QR code. Each confirmed TOTP
 * secret of better-auth's `twoFactor` table becomes the user's active TOTP Gate factor, sealed
 * with the service's `encryptionKey`. Users who already have a TOTP Gate factor are left alone.
 * better-auth's backup codes are not carried over (better-auth keeps them encrypted as one value):
 * imported users get new recovery codes from TOTP Gate when they regenerate them.
 */
import { encodeBase32 } from '@totp-gate/core/otp';
import { emptyUser, sealSecret, type TotpStore } from '@totp-gate/server';
import { symmetricDecrypt } from 'better-auth/crypto';

/** Options for {@link importBetterAuthFactors}. */
export interface ImportOptions {
  /** The better-auth instance whose `twoFactor()` plugin holds the secrets. */
  auth: { $context: Promise<unknown> };
  /** The TOTP Gate store the service uses. */
  store: TotpStore;
  /** The service's `encryptionKey` (32 bytes); without it secrets are stored unencrypted. */
  encryptionKey?: Uint8Array;
  /** better-auth's `totpOptions.digits` and `period`, when not the defaults 6 and 30. */
  digits?: number;
  period?: number;
  /** The clock (default `Date.now`). */
  now?: () => number;
}

interface Context {
  secretConfig: unknown;
  adapter: { findMany<T>(query: { model: string }): Promise<T[]> };
}
interface Row {
  userId: string;
  secret: string;
  verified?: boolean | null;
}

/**
 * Imports better-auth's confirmed TOTP secrets into the TOTP Gate store. Run it once, before
 * switching the app over; running it again imports only users that have no factor yet.
 *
 * @example
 * const { imported } = await importBetterAuthFactors({ auth, store, encryptionKey })
 */
export async function importBetterAuthFactors(options: ImportOptions): Promise<{ imported: number; skipped: number }> {
  const context = (await options.auth.$context) as Context;
  const key = options.encryptionKey === undefined ? undefined : Buffer.from(options.encryptionKey);
  const now = options.now ?? Date.now;
  const rows = await context.adapter.findMany<Row>({ model: 'twoFactor' });
  let imported = 0;
  let skipped = 0;
  for (const row of rows) {
    // An enable that was never confirmed is no factor: the user enrolls again.
    if (row.verified === false) {
      skipped++;
      continue;
    }
    // better-auth's secret is a string used as its UTF-8 bytes; the otpauth URI carries their base32.
    const secret = await symmetricDecrypt({ key: context.secretConfig as string, data: row.secret });
    const base32 = encodeBase32(new TextEncoder().encode(secret));
    const done = await options.store.updateUser(row.userId, (current) => {
      if (current?.factor) return { result: false };
      const user = current ?? emptyUser(row.userId);
      const factor = {
        secret: sealSecret(base32, row.userId, key),
        algorithm: 'SHA1' as const,
        digits: options.digits ?? 6,
        period: options.period ?? 30,
        createdAt: now(),
      };
      return { next: { ...user, factor, generation: user.generation + 1 }, result: true };
    });
    if (done) imported++;
    else skipped++;
  }
  return { imported, skipped };
}
