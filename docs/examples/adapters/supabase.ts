// Sketch: Supabase Auth MFA (TOTP factors, AAL levels) as a TotpBackend. Supabase has no recovery codes.
import { parseOtpauthUri, TotpGateError, type TotpBackend, type TotpErrorCode } from '@totp-gate/core';

/** The part of `supabase.auth.mfa` (supabase-js v2) this adapter uses. */
interface SupabaseMfa {
  getAuthenticatorAssuranceLevel(): Promise<
    Res<{ currentLevel: 'aal1' | 'aal2' | null; nextLevel: 'aal1' | 'aal2' | null }>
  >;
  listFactors(): Promise<Res<{ totp: Array<{ id: string; status: 'verified' | 'unverified' }> }>>;
  enroll(args: {
    factorType: 'totp';
    issuer?: string;
  }): Promise<Res<{ id: string; totp: { uri: string; secret: string } }>>;
  unenroll(args: { factorId: string }): Promise<Res<unknown>>;
  challengeAndVerify(args: { factorId: string; code: string }): Promise<Res<unknown>>;
}
type Res<T> = { data: T; error: null } | { data: null; error: { status?: number; code?: string; message: string } };

/** Supabase Auth error codes (`error.code`) mapped to ours; anything unknown is not the contract. */
const CODES: Record<string, TotpErrorCode> = {
  mfa_verification_failed: 'invalid-code',
  mfa_challenge_expired: 'enrollment-expired',
  mfa_factor_not_found: 'enrollment-expired',
  over_request_rate_limit: 'locked',
  session_not_found: 'unauthenticated',
  no_authorization: 'unauthenticated',
  bad_jwt: 'unauthenticated',
  validation_failed: 'bad-request',
};

function unwrap<T>(res: Res<T>): T {
  if (res.error) {
    const known = res.error.code ? CODES[res.error.code] : undefined;
    const code = known ?? (res.error.status === 401 ? 'unauthenticated' : 'bad-response');
    // Our own message: Supabase's text is English only and not for end users.
    throw new TotpGateError(code, code, { status: res.error.status, cause: res.error });
  }
  return res.data as T;
}

export function supabaseBackend(mfa: SupabaseMfa, account: string, issuer: string): TotpBackend {
  let pendingFactorId: string | null = null;
  const verifiedFactor = async () => unwrap(await mfa.listFactors()).totp.find((f) => f.status === 'verified');

  return {
    capabilities: { recoveryCodes: false, defer: false },
    async status() {
      const aal = unwrap(await mfa.getAuthenticatorAssuranceLevel());
      const state =
        aal.currentLevel === 'aal2'
          ? 'verified'
          : aal.nextLevel === 'aal2'
            ? 'challenge-required'
            : 'enrollment-required';
      return {
        state,
        account,
        issuer,
        graceEndsAt: null,
        lockedUntil: null,
        recoveryCodesLeft: null,
        serverTime: new Date().toISOString(),
      };
    },
    async startEnrollment() {
      // Supabase makes a new unverified factor per call; drop stale ones so only one is pending.
      for (const f of unwrap(await mfa.listFactors()).totp) {
        if (f.status === 'unverified') await mfa.unenroll({ factorId: f.id });
      }
      const factor = unwrap(await mfa.enroll({ factorType: 'totp', issuer }));
      pendingFactorId = factor.id;
      return {
        otpauthUri: factor.totp.uri,
        ...parseOtpauthUri(factor.totp.uri),
        // Supabase drops an unverified factor's challenge after 300 s.
        expiresAt: new Date(Date.now() + 300_000).toISOString(),
      };
    },
    async confirmEnrollment(code) {
      if (!pendingFactorId) throw new TotpGateError('enrollment-expired', 'Start again.');
      unwrap(await mfa.challengeAndVerify({ factorId: pendingFactorId, code }));
      pendingFactorId = null;
      return { state: 'verified', recoveryCodes: [] };
    },
    async verify(code) {
      const factor = await verifiedFactor();
      if (!factor) throw new TotpGateError('bad-request', 'No authenticator is set up.');
      unwrap(await mfa.challengeAndVerify({ factorId: factor.id, code }));
      return { state: 'verified' };
    },
  };
}
