// proxy.ts (Next.js 16's name for middleware.ts; Node.js runtime): every protected path asks
// the guard before any route or page runs.
import { NextResponse, type NextProxy, type ProxyConfig } from 'next/server';
import { totp } from './lib/totp.js';

export const proxy: NextProxy = async (request) => {
  const denied = await totp.guard(request);
  return denied ?? NextResponse.next();
};

export const config: ProxyConfig = {
  matcher: ['/api/notes/:path*', '/notes/:path*'],
};
