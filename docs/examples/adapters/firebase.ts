// Sketch: Firebase Authentication TOTP MFA (Identity Platform) as a TotpBackend.
// Firebase makes the secret from a multi-factor session and needs a recent sign-in to enroll.
import { TotpGateError, type TotpBackend } from '@totp-gate/core';

/** The part of the Firebase web SDK (firebase/auth, modular API) this adapter uses. */
interface TotpSecret {
  secretKey: string;
  hashingAlgorithm: string;
  codeLength: number;
  codeIntervalSeconds: number;
  enrollmentCompletionDeadline: string;
  generateQrCodeUrl(accountName?: string, issuer?: string): string;
}
interface FirebaseTotp {
  /** `TotpMultiFactorGenerator.generateSecret(await multiFactor(user).getSession())` */
  generateSecret(): Promise<TotpSecret>;
  /** `multiFactor(user).enroll(TotpMultiFactorGenerator.assertionForEnrollment(secret, code), name)` */
  enroll(secret: TotpSecret, code: string): Promise<void>;
  /** `resolver.resolveSignIn(TotpMultiFactorGenerator.assertionForSignIn(hint.uid, code))` */
  resolveSignIn(code: string): Promise<void>;
  /** Where the user stands: signed in fully, waiting for the second factor, or without a factor. */
  standing(): 'verified' | 'challenge-required' | 'enrollment-required';
}

/** Firebase error codes, mapped onto the stable TOTP Gate codes. */
function toGateError(error: unknown): TotpGateError {
  const code = (error as { code?: string }).code;
  if (code === 'auth/requires-recent-login') return new TotpGateError('unauthenticated', 'Sign in again to continue.');
  if (code === 'auth/too-many-requests') return new TotpGateError('locked', 'Too many attempts.');
  if (code === 'auth/invalid-verification-code') return new TotpGateError('invalid-code', 'That code is not right.');
  if (code === 'auth/network-request-failed') {
    return new TotpGateError('network', 'Firebase could not be reached.', { cause: error });
  }
  if (code === 'auth/missing-code' || code === 'auth/invalid-verification-id') {
    return new TotpGateError('bad-request', 'Enter the code from your authenticator app.', { cause: error });
  }
  return new TotpGateError('bad-response', 'Firebase gave an unexpected answer.', { cause: error });
}

export function firebaseBackend(firebase: FirebaseTotp, account: string, issuer: string): TotpBackend {
  let pending: TotpSecret | null = null;
  return {
    capabilities: { recoveryCodes: false, defer: false, requiresRecentLogin: true },
    async status() {
      return {
        state: firebase.standing(),
        account,
        issuer,
        graceEndsAt: null,
        lockedUntil: null,
        recoveryCodesLeft: null,
        serverTime: new Date().toISOString(),
      };
    },
    async startEnrollment() {
      // The same secret until it is confirmed, so a re-render does not change the QR code.
      let secret = pending;
      if (!secret) {
        try {
          secret = pending = await firebase.generateSecret();
        } catch (error) {
          throw toGateError(error);
        }
      }
      return {
        otpauthUri: secret.generateQrCodeUrl(account, issuer),
        secret: secret.secretKey,
        issuer,
        account,
        algorithm: 'SHA1',
        digits: secret.codeLength,
        period: secret.codeIntervalSeconds,
        expiresAt: new Date(secret.enrollmentCompletionDeadline).toISOString(),
      };
    },
    async confirmEnrollment(code) {
      if (!pending) throw new TotpGateError('enrollment-expired', 'Start again.');
      await firebase.enroll(pending, code).catch((e: unknown) => Promise.reject(toGateError(e)));
      pending = null;
      return { state: 'verified', recoveryCodes: [] };
    },
    async verify(code) {
      await firebase.resolveSignIn(code).catch((e: unknown) => Promise.reject(toGateError(e)));
      return { state: 'verified' };
    },
  };
}
