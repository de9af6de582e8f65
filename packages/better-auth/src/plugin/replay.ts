/**
 * Replay protection for better-auth's `/two-factor/verify-totp` (S13, S14), which accepts the same
 * code again for as long as its window lasts. Before better-auth checks a code, this finds the
 * time step the code belongs to and claims it atomically on the user's `twoFactor` row: a step at
 * or before the last claimed one is refused, so a code works once, also under parallel requests.
 */
import { hotp } from '@totp-gate/core/otp';
import { symmetricDecrypt } from 'better-auth/crypto';

/** The `twoFactor` row fields this reads. */
export interface TwoFactorRow {
  id: string;
  secret: string;
  totpLastStep?: number | null;
}

/** The parts of better-auth's endpoint context used here. */
export interface ReplayContext {
  secretConfig: unknown;
  adapter: {
    update<T>(query: { model: string; where: Where[]; update: Record<string, unknown> }): Promise<T | null>;
    incrementOne<T>(query: {
      model: string;
      where: Where[];
      increment: Record<string, number>;
      set?: Record<string, unknown>;
    }): Promise<T | null>;
  };
}
type Where = { field: string; value: string | number; operator?: 'lt' };

/** The step among now−1, now, now+1 whose code equals `code`, or null (better-auth's window of one). */
export async function matchingStep(
  context: ReplayContext,
  row: TwoFactorRow,
  code: string,
  nowMs: number,
  params: { digits: number; period: number },
): Promise<number | null> {
  const secret = await symmetricDecrypt({ key: context.secretConfig as string, data: row.secret });
  const key = new TextEncoder().encode(secret);
  const current = Math.floor(nowMs / 1000 / params.period);
  for (const step of [current - 1, current, current + 1]) {
    if (hotp(key, step, { digits: params.digits }) === code) return step;
  }
  return null;
}

/** Claims `step` for the row: true for the first claim of a step later than every earlier one. */
export async function claimStep(context: ReplayContext, row: TwoFactorRow, step: number): Promise<boolean> {
  // Rows from before the column existed have null, which no comparison matches: start them at 0.
  if (row.totpLastStep === null || row.totpLastStep === undefined) {
    await context.adapter.update({
      model: 'twoFactor',
      where: [{ field: 'id', value: row.id }],
      update: { totpLastStep: 0 },
    });
  }
  const claimed = await context.adapter.incrementOne({
    model: 'twoFactor',
    where: [
      { field: 'id', value: row.id },
      { field: 'totpLastStep', operator: 'lt', value: step },
    ],
    increment: {},
    set: { totpLastStep: step },
  });
  return claimed !== null;
}
