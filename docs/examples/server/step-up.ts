import { createTotpService, memoryStore } from '@totp-gate/server';
import { identify } from './session.js';

const totp = createTotpService({ store: memoryStore(), issuer: 'Acme', identify });

// Delete expired session records once an hour (S45); expired ones count for nothing anyway.
setInterval(() => void totp.sweep(), 60 * 60_000).unref();

// A sensitive route: a verification older than five minutes asks for a fresh code (S43).
export async function changeEmail(request: Request): Promise<Response> {
  const denied = await totp.guard(request, { maxAge: 300 });
  // 403 {error: {code: 'totp-required', state: 'challenge-required', reason: 'step-up'}}:
  // the page calls gate.refresh() and shows the code field.
  if (denied) return denied;
  return Response.json({ changed: true });
}
