/**
 * The remembered-device endpoints (REST contract v1 additions, S58): `GET /devices` lists the
 * browsers where the user ticked "Don't ask again on this device", `POST /devices/revoke {id}`
 * forgets one. Both need a verified session; a revoke is audited.
 */
import { IdBody } from '@totp-gate/core';
import { managing } from './account.js';
import type { Identity, ServiceContext } from './context.js';
import { clearDeviceCookie } from './device-cookie.js';
import { errorAnswer, type Answer } from './errors.js';
import { emit } from './outcome.js';
import { cookieDeviceId, liveDevices, rememberDaysOf } from './remembered-devices.js';
import type { RememberedDeviceRecord, UserChange, UserRecord } from './stores/types.js';

const iso = (ms: number) => new Date(ms).toISOString();

function listAnswer(ctx: ServiceContext, user: UserRecord | null, current: string | null, nowMs: number): Answer {
  const describe = (d: RememberedDeviceRecord) => ({
    id: d.id,
    label: d.label,
    createdAt: iso(d.createdAt),
    expiresAt: iso(d.expiresAt),
    current: d.id === current,
  });
  // While the policy does not offer it, no device counts, so none is listed either.
  const devices = ctx.policy.rememberDevice.enabled ? liveDevices(user, nowMs).map(describe) : [];
  return { status: 200, body: { devices, rememberDays: rememberDaysOf(ctx.policy) } };
}

/** `GET /devices`. */
export async function listDevices(ctx: ServiceContext, identity: Identity, request: Request | null): Promise<Answer> {
  const allowed = await managing(ctx, identity, false);
  if (allowed.refused) return allowed.refused;
  const { nowMs, standing } = allowed;
  return listAnswer(ctx, standing.user, cookieDeviceId(ctx.deviceCookie, request), nowMs);
}

/** `POST /devices/revoke {id}`: that device must enter a code at its next sign-in. */
export async function revokeDevice(
  ctx: ServiceContext,
  identity: Identity,
  body: unknown,
  request: Request | null,
): Promise<Answer> {
  const parsed = IdBody.safeParse(body);
  if (!parsed.success) return errorAnswer('bad-request', 'The body must be {"id": "…"}.');
  const { id } = parsed.data;
  const allowed = await managing(ctx, identity, false);
  if (allowed.refused) return allowed.refused;
  const { nowMs } = allowed;
  const user = await ctx.store.updateUser(identity.userId, (current): UserChange<UserRecord | null> => {
    const live = liveDevices(current, nowMs);
    if (current === null || !live.some((d) => d.id === id)) return { result: null };
    const next = { ...current, devices: live.filter((d) => d.id !== id) };
    return { next, result: next };
  });
  if (user === null) return errorAnswer('unknown-id', 'There is no remembered device with this id.');
  emit(ctx, identity, nowMs, [{ type: 'device-revoked', outcome: 'success', deviceId: id }]);
  const current = cookieDeviceId(ctx.deviceCookie, request);
  const answer = listAnswer(ctx, user, current, nowMs);
  // This browser's own device: its cookie goes too.
  if (current === id) answer.cookies = [clearDeviceCookie(ctx.deviceCookie)];
  return answer;
}
