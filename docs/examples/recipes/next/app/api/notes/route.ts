// app/api/notes/route.ts: protected. proxy.ts guards it; the route asks again, so a matcher
// that misses it never opens it.
import { NextResponse, type NextRequest } from 'next/server';
import { totp } from '../../../lib/totp.js';

export const runtime = 'nodejs';

export async function GET(request: NextRequest): Promise<Response> {
  const denied = await totp.guard(request);
  if (denied) return denied;
  return NextResponse.json({ notes: ['Only for users who passed the second factor in this session.'] });
}
