// The server recipes (docs/examples/recipes) mounted for real: Fastify, Koa and Hono listen on a
// free port and are called over HTTP; the fetch-runtime entry is bundled as a Worker would load
// it and called with real Requests; the Next.js App Router route handlers and proxy are called
// with real NextRequests (no `next build`). Each one signs in, is refused the protected route,
// enrolls with a computed code, then reaches it, and signs out of both factors.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { totp } from '@totp-gate/core/otp';

process.env.TOTP_KEY = randomBytes(32).toString('base64');
const RECIPES = fileURLToPath(new URL('../examples/recipes/', import.meta.url));
const ORIGIN = 'http://localhost';

type Send = (path: string, init?: { method?: string; body?: unknown; cookie?: string }) => Promise<Response>;

/** A browser's same-origin request with the session cookie. */
function request(base: string, path: string, init: Parameters<Send>[1] = {}): [string, RequestInit] {
  // As a browser sends it: the origin of the page, which is the one it calls (S44).
  const headers: Record<string, string> = { origin: new URL(base).origin, 'sec-fetch-site': 'same-origin' };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return [
    `${base}${path}`,
    { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) },
  ];
}

interface Paths {
  login: string;
  logout: string;
}

/** Sign-in, refused, enrollment with a computed code, allowed, sign-out: on any recipe. */
async function walk(send: Send, paths: Paths = { login: '/login', logout: '/logout' }) {
  assert.equal((await send('/api/notes')).status, 401, 'not signed in');
  const wrong = await send(paths.login, { method: 'POST', body: { username: 'alice', password: 'wrong' } });
  assert.equal(wrong.status, 401);

  const login = await send(paths.login, { method: 'POST', body: { username: 'alice', password: 'correct horse' } });
  assert.equal(login.status, 200, await login.clone().text());
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  assert.match(cookie, /^sid=[\w-]{32}$/);

  const refused = await send('/api/notes', { cookie });
  assert.equal(refused.status, 403, 'password only: the guard refuses');
  const { error } = (await refused.json()) as { error: { code: string; state: string } };
  assert.deepEqual([error.code, error.state], ['totp-required', 'enrollment-required']);

  const status = await send('/api/totp/status', { cookie });
  assert.equal(status.status, 200);
  assert.equal(((await status.json()) as any).state, 'enrollment-required');
  const enrollment = await send('/api/totp/enrollment', { method: 'POST', body: {}, cookie });
  assert.equal(enrollment.status, 200, await enrollment.clone().text());
  const { secret } = (await enrollment.json()) as { secret: string };
  const wrongCode = await send('/api/totp/enrollment/confirm', { method: 'POST', body: { code: '000000' }, cookie });
  if (totp(secret, Date.now()) !== '000000') assert.equal(wrongCode.status, 400);
  assert.equal((await send('/api/notes', { cookie })).status, 403, 'a wrong code opens nothing');

  const confirm = await send('/api/totp/enrollment/confirm', {
    method: 'POST',
    body: { code: totp(secret, Date.now()) },
    cookie,
  });
  assert.equal(confirm.status, 200, await confirm.clone().text());
  const notes = await send('/api/notes', { cookie });
  assert.equal(notes.status, 200);
  assert.equal(((await notes.json()) as any).notes.length, 1);

  const logout = await send(paths.logout, { method: 'POST', body: {}, cookie });
  assert.equal(logout.status, 200);
  assert.match(logout.headers.get('set-cookie')!, /Max-Age=0/);
  assert.equal((await send('/api/notes', { cookie })).status, 401, 'the old cookie is signed out');
  assert.equal((await send('/api/totp/status', { cookie })).status, 401);
}

/** A recipe's `start(0)` as a base URL, and its server closed after the suite. */
function listening(load: () => Promise<{ start(port: number): Promise<unknown> }>) {
  let server: Server;
  let base = '';
  before(async () => {
    server = (await (await load()).start(0)) as Server;
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server?.closeAllConnections();
    return new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return ((path, init) => fetch(...request(base, path, init))) as Send;
}

describe('Fastify recipe', () => {
  const send = listening(() => import('../examples/recipes/fastify.js'));
  it('signs in, enrolls, reaches /api/notes only after the second factor, signs out', () => walk(send));
  it('the contract reads its own body under Fastify: over the limit, a JSON 413', async () => {
    const login = await send('/login', { method: 'POST', body: { username: 'alice', password: 'correct horse' } });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const big = await send('/api/totp/verify', { method: 'POST', body: { code: 'x'.repeat(20_000) }, cookie });
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as any).error.code, 'bad-request');
  });
});

describe('Koa recipe', () => {
  const send = listening(() => import('../examples/recipes/koa.js'));
  it('signs in, enrolls, reaches /api/notes only after the second factor, signs out', () => walk(send));
});

describe('Hono recipe (Node, @hono/node-server)', () => {
  const send = listening(() => import('../examples/recipes/hono.js'));
  it('signs in, enrolls, reaches /api/notes only after the second factor, signs out', () => walk(send));
});

describe('fetch-runtime recipe, bundled as a Worker loads it', () => {
  let dir: string;
  let imports: string[] = [];
  let inputs: string[] = [];
  let handler: { fetch(request: Request): Promise<Response> };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'totp-gate-fetch-'));
    const result = await build({
      entryPoints: [join(RECIPES, 'fetch-runtime.ts')],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      mainFields: ['module', 'main'],
      external: ['node:*'],
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const output = result.outputFiles[0]!;
    writeFileSync(join(dir, 'worker.mjs'), output.contents);
    const meta = Object.values(result.metafile.outputs)[0]!;
    imports = meta.imports.filter((entry) => entry.external).map((entry) => entry.path);
    inputs = Object.keys(result.metafile.inputs);
    handler = (await import(pathToFileURL(join(dir, 'worker.mjs')).href)).default;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports nothing but node:crypto, and no store driver', () => {
    assert.deepEqual([...new Set(imports)].sort(), ['node:crypto']);
    const drivers = inputs.filter((path) => /better-sqlite3|[\\/]pg[\\/]|redis|\.node$/.test(path));
    assert.deepEqual(drivers, []);
  });
  it('signs in, enrolls, reaches /api/notes only after the second factor, signs out', () =>
    walk((path, init) => handler.fetch(new Request(...request(ORIGIN, path, init)))));
});

describe('Next.js App Router recipe: route handlers and proxy called with NextRequests', () => {
  it('signs in, enrolls, reaches /api/notes only after the second factor, signs out', async () => {
    const { NextRequest } = await import('next/server.js');
    // The event Next.js hands a proxy (not re-exported at run time by next/server).
    const { NextFetchEvent } = await import('next/dist/server/web/spec-extension/fetch-event.js');
    const contract = await import('../examples/recipes/next/app/api/totp/[...route]/route.js');
    const login = await import('../examples/recipes/next/app/api/login/route.js');
    const logout = await import('../examples/recipes/next/app/api/logout/route.js');
    const notes = await import('../examples/recipes/next/app/api/notes/route.js');
    const { proxy, config } = await import('../examples/recipes/next/proxy.js');
    assert.ok(config.matcher?.includes('/api/notes/:path*'), 'the proxy covers /api/notes');

    let proxied = 0;
    /** What Next.js does with the files: proxy first on a matched path, then the route's export. */
    const send: Send = async (path, init) => {
      const nextRequest = () =>
        new NextRequest(...(request(ORIGIN, path, init) as [string, RequestInit & { signal?: AbortSignal }]));
      if (path === '/api/notes') {
        proxied++;
        const req = nextRequest();
        const answer = await proxy(req, new NextFetchEvent({ request: req, page: path, context: undefined }));
        assert.ok(answer instanceof Response);
        if (answer.headers.get('x-middleware-next') !== '1') return answer;
        return notes.GET(nextRequest());
      }
      if (path.startsWith('/api/totp/')) {
        return init?.method === 'POST' ? contract.POST(nextRequest()) : contract.GET(nextRequest());
      }
      if (path === '/api/login') return login.POST(nextRequest());
      if (path === '/api/logout') return logout.POST(nextRequest());
      throw new Error(`no route for ${path}`);
    };
    await walk(send, { login: '/api/login', logout: '/api/logout' });
    assert.ok(proxied >= 4);
  });

  it('the route handler guards by itself when the proxy does not run', async () => {
    const { NextRequest } = await import('next/server.js');
    const notes = await import('../examples/recipes/next/app/api/notes/route.js');
    const answer = await notes.GET(new NextRequest(`${ORIGIN}/api/notes`));
    assert.equal(answer.status, 401);
  });
});
