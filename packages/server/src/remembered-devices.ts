/**
 * Remember this device (S58), off unless the policy's `rememberDevice.enabled` says so.
 *
 * After a code passed at sign-in with `rememberDevice: true`, the service stores a device record
 * in the user's record and sets a cookie of its own (`device-cookie.ts`) holding `<id>.<token>`:
 * 256 random bits of token, of which the server keeps only a SHA-256 hash bound to the user id.
 * At a later sign-in of the same user in the same browser, `GET /status` finds the record by its
 * id, compares the hash in constant time and lets the session in without a code.
 *
 * A device counts only while all of these hold: the policy enables it, the cookie's id belongs to
 * this user, its token hashes to the stored hash, it has not expired, and the user's `generation`
 * is the one it was remembered under. So every change that revokes sessions forgets every
 * device too: removing or replacing an authenticator, re-enrollment, "sign out other devices",
 * and an administrator's reset ({@link forgetDevices} for code that rewrites a record itself).
 * The user may also forget one device (`POST /devices/revoke`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Policy } from '@totp-gate/core';
import type { RandomBytes } from '@totp-gate/core/otp';
import { readDeviceCookie, setDeviceCookie, type DeviceCookie } from './device-cookie.js';
import { deviceLabel } from './device-label.js';
import type { RememberedDeviceRecord, TotpStore, UserChange, UserRecord } from './stores/types.js';

/** At most this many remembered devices per user; the oldest is forgotten first. */
export const MAX_DEVICES = 20;

const DAY_SECONDS = 86_400;

/**
 * How many days "Don't ask again on this device" lasts under this policy (its `maxAgeSeconds`
 * in whole days, at least 1), or null when the policy does not offer it.
 */
export function rememberDaysOf(policy: Policy): number | null {
  const { enabled, maxAgeSeconds } = policy.rememberDevice;
  return enabled ? Math.max(1, Math.round(maxAgeSeconds / DAY_SECONDS)) : null;
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** The stored hash of a token: bound to the user, so a copied record cannot serve another one. */
function hashToken(userId: string, token: string): Buffer {
  return createHash('sha256').update(userId).update('\u0000').update(token).digest();
}

/** The devices of a user that still count at `nowMs` (live, and of the current generation). */
export function liveDevices(user: UserRecord | null, nowMs: number): RememberedDeviceRecord[] {
  if (user === null || user.devices === undefined) return [];
  return user.devices.filter((d) => d.expiresAt > nowMs && d.generation === user.generation);
}

// `<id>.<token>`: 16 and 43 base64url characters.
const COOKIE_VALUE = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

/** The id in a request's device cookie (well-formed or not trusted), or null. For "current". */
export function cookieDeviceId(cookie: DeviceCookie, request: Request | null): string | null {
  const match = COOKIE_VALUE.exec(readDeviceCookie(cookie, request) ?? '');
  return match ? match[1]! : null;
}

/**
 * The remembered device this request's cookie proves for this user at `nowMs`, or null. The
 * policy is not asked here: `evaluatePolicy` ignores a remembered device unless it is enabled.
 */
export function recognise(
  cookie: DeviceCookie,
  user: UserRecord | null,
  request: Request | null,
  nowMs: number,
): RememberedDeviceRecord | null {
  if (user === null || !user.devices?.length) return null;
  const match = COOKIE_VALUE.exec(readDeviceCookie(cookie, request) ?? '');
  if (!match) return null;
  const device = liveDevices(user, nowMs).find((d) => d.id === match[1]);
  if (device === undefined) return null;
  const stored = Buffer.from(device.hash, 'base64url');
  const given = hashToken(user.userId, match[2]!);
  return stored.length === given.length && timingSafeEqual(stored, given) ? device : null;
}

/** What {@link rememberDevice} needs from the service. */
export interface RememberContext {
  store: TotpStore;
  policy: Policy;
  random: RandomBytes;
  deviceCookie: DeviceCookie;
}

/**
 * Remembers the browser of `request` for `userId`, after a code passed under `generation`, and
 * gives the `Set-Cookie` value. Live devices of the user stay; expired or revoked ones are
 * dropped, and past {@link MAX_DEVICES} the oldest. Null when the policy does not offer it.
 */
export async function rememberDevice(
  ctx: RememberContext,
  userId: string,
  request: Request | null,
  generation: number,
  nowMs: number,
): Promise<{ cookie: string; device: RememberedDeviceRecord } | null> {
  if (!ctx.policy.rememberDevice.enabled) return null;
  const id = base64url(ctx.random(12));
  const token = base64url(ctx.random(32));
  const maxAge = ctx.policy.rememberDevice.maxAgeSeconds;
  const device: RememberedDeviceRecord = {
    id,
    hash: hashToken(userId, token).toString('base64url'),
    label: deviceLabel(request?.headers.get('user-agent') ?? null),
    createdAt: nowMs,
    expiresAt: nowMs + maxAge * 1000,
    generation,
  };
  const stored = await ctx.store.updateUser(userId, (user): UserChange<boolean> => {
    // The factors changed since the code passed (a reset, a removal): that code proves nothing now.
    if (user === null || user.generation !== generation) return { result: false };
    const kept = liveDevices(user, nowMs).slice(-(MAX_DEVICES - 1));
    return { next: { ...user, devices: [...kept, device] }, result: true };
  });
  return stored ? { cookie: setDeviceCookie(ctx.deviceCookie, `${id}.${token}`, maxAge), device } : null;
}

/**
 * `user` with no remembered device. For code that rewrites a user record itself (an
 * administrator's reset): each of those devices must enter a code at its next sign-in. Bumping
 * `generation` does the same; this also drops the records.
 */
export function forgetDevices(user: UserRecord): UserRecord {
  return user.devices === undefined || user.devices.length === 0 ? user : { ...user, devices: [] };
}
