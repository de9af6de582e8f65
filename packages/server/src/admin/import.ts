/**
 * Importing a user's existing TOTP secret from another system (Odoo auth_totp, django-otp,
 * better-auth two-factor, a list of otpauth URIs), so the user keeps their authenticator app and
 * need not enroll again. The secret is checked (at least 128 bits; algorithm, digits and period
 * those of the policy), sealed with the service's `encryptionKey` like an enrolled one,
 * and never echoed: a refusal says what is wrong without repeating the value.
 */
import { decodeBase32, encodeBase32, type Policy } from '@totp-gate/core';
import type { ServiceContext } from '../context.js';
import { sealSecret } from '../crypto.js';
import { DEFAULT_FACTOR_NAME, factorsOf, newFactorId, withFactors } from '../factors.js';
import { emptyUser, type FactorAlgorithm, type StoredFactor } from '../stores/types.js';
import { emitAdmin } from './changes.js';
import { AdminError, checkAct, checkId, type AdminAct } from './input.js';

/** One secret to import. Exactly one of `secret`, `secretHex` and `otpauthUri`. */
export interface FactorImport {
  /** Base32 (any case; spaces and `=` padding are ignored), as Odoo and better-auth keep it. */
  secret?: string;
  /** Hexadecimal, as django-otp's `TOTPDevice.key` keeps it. */
  secretHex?: string;
  /** An `otpauth://totp/...` URI; its secret and parameters are used, its label is not. */
  otpauthUri?: string;
  /** Default SHA1 (or the URI's). */
  algorithm?: string;
  /** Default 6 (or the URI's). */
  digits?: number | string;
  /** Seconds, default 30 (or the URI's). */
  period?: number | string;
  /** What the user's authenticator list shows (default "Authenticator"). */
  name?: string;
}

/** How to import: who and why (audited), and whether to write at all. */
export interface ImportOptions extends AdminAct {
  /** Check everything, write nothing. */
  dryRun?: boolean;
  /** Replace the authenticators the user already has (otherwise such a user is refused). */
  replace?: boolean;
}

/** What an import did (or would do). No secret in it. */
export interface ImportResult {
  userId: string;
  /** The new authenticator's id; null in a dry run. */
  factorId: string | null;
  algorithm: FactorAlgorithm;
  digits: number;
  period: number;
  /** How many authenticators it replaced. */
  replaced: number;
  dryRun: boolean;
}

const refuse = (message: string) => new AdminError('bad-request', message);

function base32Secret(input: FactorImport, uriSecret: string | null): string {
  const given = [input.secret, input.secretHex, input.otpauthUri].filter((v) => v !== undefined && v !== '');
  if (given.length !== 1) throw refuse('Give exactly one of secret, secretHex and otpauthUri.');
  if (input.secretHex !== undefined && input.secretHex !== '') {
    const hex = String(input.secretHex).replace(/\s+/g, '');
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw refuse('secretHex is not hexadecimal.');
    return check(Buffer.from(hex, 'hex'));
  }
  const text = (uriSecret ?? String(input.secret)).replace(/[\s=]+/g, '').toUpperCase();
  if (!/^[A-Z2-7]+$/.test(text)) throw refuse('The secret is not base32.');
  return check(decodeBase32(text));
}

function check(bytes: Uint8Array): string {
  if (bytes.length * 8 < 128) throw refuse(`The secret has ${bytes.length * 8} bits; at least 128 are required.`);
  if (bytes.length > 128) throw refuse('The secret is longer than 1024 bits.');
  return encodeBase32(bytes);
}

function fromUri(uri: string): { secret: string; query: URLSearchParams } {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw refuse('otpauthUri is not a URI.');
  }
  if (url.protocol !== 'otpauth:' || url.host.toLowerCase() !== 'totp')
    throw refuse('otpauthUri is not an otpauth://totp/ URI.');
  const secret = url.searchParams.get('secret');
  if (!secret) throw refuse('otpauthUri has no secret.');
  return { secret, query: url.searchParams };
}

function whole(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : /^\d{1,4}$/.test(String(value)) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw refuse(`${field} must be a whole number from ${min} to ${max}.`);
  return n;
}

/** Checks one import against the policy's parameters; returns the factor without id and dates. */
export function checkImport(
  input: unknown,
  policy: Policy,
): { secret: string; algorithm: FactorAlgorithm; digits: number; period: number; name: string } {
  if (typeof input !== 'object' || input === null) throw refuse('An import is an object with a secret.');
  const given = input as FactorImport;
  const uri = given.otpauthUri ? fromUri(String(given.otpauthUri)) : null;
  const secret = base32Secret(given, uri?.secret ?? null);
  const algorithm = String(given.algorithm || uri?.query.get('algorithm') || 'SHA1').toUpperCase();
  if (algorithm !== 'SHA1' && algorithm !== 'SHA256' && algorithm !== 'SHA512') {
    throw refuse('algorithm must be SHA1, SHA256 or SHA512.');
  }
  const digits = whole(given.digits ?? uri?.query.get('digits'), 'digits', 6, 8, 6);
  const period = whole(given.period ?? uri?.query.get('period'), 'period', 15, 120, 30);
  const name = given.name === undefined || given.name === '' ? DEFAULT_FACTOR_NAME : String(given.name);
  // eslint-disable-next-line no-control-regex
  if (name.length > 64 || /[\u0000-\u001f\u007f-\u009f]/.test(name)) {
    throw refuse('name must be at most 64 characters without control characters.');
  }
  // A policy sets one algorithm, one code length and one period: an imported secret must use them.
  const want = policy.totp;
  if (algorithm !== want.algorithm) throw refuse(`algorithm ${algorithm} is not the policy's (${want.algorithm}).`);
  if (digits !== want.digits) throw refuse(`digits ${digits} is not the policy's (${want.digits}).`);
  if (period !== want.period) throw refuse(`period ${period} is not the policy's (${want.period} s).`);
  return { secret, algorithm, digits, period, name };
}

/** Imports one secret for one user (see {@link FactorImport}). */
export async function importFactor(
  ctx: ServiceContext,
  userIdInput: unknown,
  input: unknown,
  optionsInput: unknown,
): Promise<ImportResult> {
  const userId = checkId(userIdInput, 'userId');
  const act = checkAct(optionsInput);
  const options = optionsInput as ImportOptions;
  const checked = checkImport(input, ctx.policy);
  const base = { userId, algorithm: checked.algorithm, digits: checked.digits, period: checked.period };
  const current = await ctx.store.getUser(userId);
  const existing = factorsOf(current).length;
  if (existing > 0 && options.replace !== true) {
    throw new AdminError('bad-request', 'The user already has an authenticator; pass replace to replace it.');
  }
  if (options.dryRun === true) return { ...base, factorId: null, replaced: existing, dryRun: true };
  const nowMs = ctx.now();
  const factor: StoredFactor = {
    id: newFactorId(ctx.random),
    name: checked.name,
    secret: sealSecret(checked.secret, userId, ctx.encryptionKey),
    algorithm: checked.algorithm,
    digits: checked.digits,
    period: checked.period,
    createdAt: nowMs,
    lastUsedAt: null,
    lastStep: null,
  };
  const replaced = await ctx.store.updateUser(userId, (record) => {
    const had = factorsOf(record).length;
    if (had > 0 && options.replace !== true) return { result: -1 };
    const user = record ?? emptyUser(userId);
    // Like a new enrollment: earlier verified sessions and remembered devices no longer count.
    const next = { ...withFactors(user, [factor]), enrollments: [], adding: [], generation: user.generation + 1 };
    return { next, result: had };
  });
  if (replaced < 0)
    throw new AdminError('bad-request', 'The user already has an authenticator; pass replace to replace it.');
  emitAdmin(ctx, 'admin-factor-imported', userId, act, nowMs, null, { factorId: factor.id });
  return { ...base, factorId: factor.id, replaced, dryRun: false };
}
