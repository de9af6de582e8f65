// The same tools as functions, for a help-desk script or your own admin page.
import type { TotpService } from '@totp-gate/server';

export async function helpDesk(service: TotpService) {
  // "Alice lost her phone": she enrolls again at her next sign-in.
  await service.admin.reset('alice', { reason: 'lost phone, ticket 4711', adminId: 'carol' });

  // "Bob's phone is in repair": one day without a code.
  const tomorrow = new Date(Date.now() + 86_400_000);
  await service.admin.grantExemption('bob', {
    reason: 'phone in repair, ticket 4712',
    expiresAt: tomorrow,
    adminId: 'carol',
  });

  // Who is locked out right now?
  const { users } = await service.admin.list({ standing: 'locked' });

  // What would "contractors from Monday, 7-day grace" do on that Monday?
  const monday = '2026-03-02T08:00:00Z';
  const preview = await service.admin.dryRun({
    policy: { requiredRoles: ['contractor'], gracePeriodSeconds: 7 * 86_400 },
    at: monday,
    users: [{ userId: 'dave', roles: ['contractor'], requiredSince: monday }],
  });

  return { locked: users.map((user) => user.userId), blocked: preview.blocked, inGrace: preview.inGrace };
}
