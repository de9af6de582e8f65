// app/api/logout/route.ts: sign-out ends both sides of the session.
import { NextResponse, type NextRequest } from 'next/server';
import { SIGNED_OUT_COOKIE, signOut } from '../../../../accounts.js';
import { totp } from '../../../lib/totp.js';

export const runtime = 'nodejs';

export async function POST(request: NextRequest): Promise<NextResponse> {
  const sessionId = await signOut(request.headers.get('cookie'));
  // Forget the TOTP side too, so this session id can never count as verified again.
  if (sessionId) await totp.endSession(sessionId);
  return NextResponse.json({ ok: true }, { headers: { 'set-cookie': SIGNED_OUT_COOKIE } });
}
