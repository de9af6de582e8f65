// app/api/totp/[...route]/route.ts: the REST contract on the Node.js runtime.
import type { NextRequest } from 'next/server';
import { totp } from '../../../../lib/totp.js';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: NextRequest): Promise<Response> {
  return totp.handle(request);
}
export function POST(request: NextRequest): Promise<Response> {
  return totp.handle(request);
}
