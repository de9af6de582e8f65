// app/api/login/route.ts: the first factor, your own sign-in.
import { NextResponse, type NextRequest } from 'next/server';
import { signIn } from '../../../../accounts.js';

export const runtime = 'nodejs';

export async function POST(request: NextRequest): Promise<NextResponse> {
  const body = (await request.json().catch(() => ({}))) as { username?: string; password?: string };
  const cookie = await signIn(body.username, body.password);
  if (!cookie) return NextResponse.json({ error: 'Wrong user name or password.' }, { status: 401 });
  return NextResponse.json({ ok: true }, { headers: { 'set-cookie': cookie } });
}
