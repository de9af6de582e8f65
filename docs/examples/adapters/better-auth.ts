// Sketch: better-auth's two-factor plugin as a TotpBackend.
// better-auth asks for the password again to enable TOTP and issues backup codes at that moment.
import { parseOtpauthUri, TotpGateError, type Enrollment, type TotpBackend } from '@totp-gate/core';

/** The part of better-auth's client (`authClient` with `twoFactorClient()`) this adapter uses. */
interface BetterAuthClient {
  getSession(): Promise<{ data: { user: { twoFactorEnabled?: boolean | null } } | null }>;
  twoFactor: {
    enable(args: { password: string }): Promise<Result<{ totpURI: string; backupCodes: string[] }>>;
    verifyTotp(args: { code: string }): Promise<Result<unknown>>;
    verifyBackupCode(args: { code: string }): Promise<Result<unknown>>;
  };
}
type Result<T> = { data: T; error: null } | { data: null; error: { status: number; message?: string } };

function unwrap<T>(result: Result<T>): T {
  if (result.error) {
    const code =
      result.error.status === 401 ? 'unauthenticated' : result.error.status === 429 ? 'locked' : 'invalid-code';
    throw new TotpGateError(code, result.error.message ?? code, { status: result.error.status });
  }
  return result.data as T;
}

export function betterAuthBackend(client: BetterAuthClient, pendingTwoFactor: () => boolean): TotpBackend {
  let backupCodes: string[] = [];
  return {
    capabilities: { enrollmentRequiresPassword: true, defer: false },
    async status() {
      const session = await client.getSession();
      const user = session.data?.user;
      const state = user ? (user.twoFactorEnabled ? 'verified' : 'enrollment-required') : 'challenge-required';
      if (!user && !pendingTwoFactor()) throw new TotpGateError('unauthenticated', 'Sign in first.');
      return {
        state,
        account: '',
        issuer: '',
        graceEndsAt: null,
        lockedUntil: null,
        recoveryCodesLeft: null,
        serverTime: new Date().toISOString(),
      };
    },
    async startEnrollment(options = {}) {
      if (!options.password)
        throw new TotpGateError('bad-request', 'Enter your password to set up two-factor authentication.');
      const { totpURI, backupCodes: codes } = unwrap(await client.twoFactor.enable({ password: options.password }));
      backupCodes = codes; // shown after the first code is confirmed, like the REST contract does
      const uri = parseOtpauthUri(totpURI);
      const enrollment: Enrollment = {
        otpauthUri: totpURI,
        ...uri,
        expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      };
      return enrollment;
    },
    async confirmEnrollment(code) {
      unwrap(await client.twoFactor.verifyTotp({ code }));
      const recoveryCodes = backupCodes;
      backupCodes = [];
      return { state: 'verified', recoveryCodes };
    },
    async verify(code) {
      unwrap(await client.twoFactor.verifyTotp({ code }));
      return { state: 'verified' };
    },
    async redeemRecoveryCode(code) {
      unwrap(await client.twoFactor.verifyBackupCode({ code }));
      return { state: 'verified', recoveryCodesLeft: 0 }; // better-auth does not say how many are left
    },
  };
}
