import { createTotpService, memoryStore } from '@totp-gate/server';
import { identify } from './session.js';

const totp = createTotpService({ store: memoryStore(), issuer: 'Acme', identify, basePath: '/api/totp' });

// Any runtime with web-standard Request and Response: Bun, Deno, Cloudflare Workers, Hono, …
export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/api/totp/')) return totp.handle(request);

    const denied = await totp.guard(request);
    if (denied) return denied;
    return Response.json({ notes: ['Only for users who passed TOTP in this session.'] });
  },
};
