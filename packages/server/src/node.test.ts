/**
 * `toNodeHandler` in a real node:http server (loopback, ephemeral port) and as Connect-style
 * middleware: routing, the 4 kB cap before the service sees the body, headers both ways.
 */
import assert from 'node:assert/strict';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTotpService, memoryStore, toNodeHandler, MAX_BODY_BYTES, type Identity } from './index.js';
import { codeAt } from './test/harness.js';

const identify = (request: Request): Identity | null => {
  const match = /sid=([\w-]+)/.exec(request.headers.get('cookie') ?? '');
  return match ? { userId: `user-${match[1]}`, sessionId: match[1]!, account: `${match[1]}@example.com` } : null;
};

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

/** Sends a chunked body (no content-length) and returns status and text. */
function chunked(url: string, chunks: string[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'sid=chunky' },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('toNodeHandler', () => {
  let now = Date.UTC(2026, 0, 1, 0, 0, 5);
  const service = createTotpService({
    store: memoryStore(),
    issuer: 'Acme',
    identify,
    now: () => now,
    basePath: '/api/totp',
    onVerified: (_request, user) => ({ headers: { 'set-cookie': `sid=${user.sessionId}-r; HttpOnly` } }),
  });
  const handler = toNodeHandler(service);
  let plain: Server;
  let connect: Server;
  let base = '';
  let connectBase = '';
  const passedOn: string[] = [];

  before(async () => {
    plain = createServer((req, res) => void handler(req, res));
    base = await listen(plain);
    // A Connect-like stack: a JSON body parser that consumed the stream, then our handler with next().
    const mounted = toNodeHandler(
      createTotpService({ store: memoryStore(), issuer: 'Acme', identify, now: () => now }),
    );
    connect = createServer((req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
      const next = () => {
        passedOn.push(req.url ?? '');
        res.statusCode = 204;
        res.end();
      };
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (chunks.length) req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (req.url?.startsWith('/api/totp/')) req.url = req.url.slice('/api/totp'.length);
        else if (req.url !== '/') return next();
        void mounted(req, res, next);
      });
    });
    connectBase = await listen(connect);
  });
  after(() => {
    plain.close();
    connect.close();
  });

  it('serves the contract over node:http, with no-store and the hook headers', async () => {
    const status = await fetch(`${base}/api/totp/status`, { headers: { cookie: 'sid=a1' } });
    assert.equal(status.status, 200);
    assert.equal(status.headers.get('cache-control'), 'no-store');
    assert.equal(((await status.json()) as { state: string }).state, 'enrollment-required');
    const json = { 'content-type': 'application/json', cookie: 'sid=a1' };
    const started = await fetch(`${base}/api/totp/enrollment`, { method: 'POST', headers: json, body: '{}' });
    const enrollment = (await started.json()) as { secret: string };
    const confirm = await fetch(`${base}/api/totp/enrollment/confirm`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ code: codeAt(enrollment.secret, now) }),
    });
    assert.equal(confirm.status, 200);
    assert.deepEqual(confirm.headers.getSetCookie(), ['sid=a1-r; HttpOnly']);
  });

  it('states each answer’s length (no chunked framing), and a host header cannot change it', async () => {
    const hosted = createServer(
      toNodeHandler(
        createTotpService({
          store: memoryStore(),
          issuer: 'Ünïcødé Acme',
          identify,
          now: () => now,
          onVerified: () => ({ headers: { 'content-length': '1', 'x-host': 'kept' } }),
        }),
      ),
    );
    const url = await listen(hosted);
    try {
      const json = { 'content-type': 'application/json', cookie: 'sid=len1' };
      const answers = [await fetch(`${url}/status`, { headers: json })];
      answers.push(await fetch(`${url}/enrollment`, { method: 'POST', headers: json, body: '{}' }));
      const { secret, issuer } = (await answers[1]!.clone().json()) as { secret: string; issuer: string };
      // Non-ASCII letters in the answer: the length counts bytes, not characters.
      assert.equal(issuer, 'Ünïcødé Acme');
      answers.push(await fetch(`${url}/verify`, { method: 'POST', headers: json, body: '{"code":"12"}' }));
      const body = JSON.stringify({ code: codeAt(secret, now) });
      answers.push(await fetch(`${url}/enrollment/confirm`, { method: 'POST', headers: json, body }));
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 200, 400, 200],
      );
      for (const answer of answers) {
        // The whole JSON arrived: a wrong length would have cut it.
        const text = await answer.text();
        assert.equal(typeof JSON.parse(text), 'object');
        assert.equal(answer.headers.get('content-length'), String(Buffer.byteLength(text)));
        assert.equal(answer.headers.get('transfer-encoding'), null);
      }
      assert.equal(answers[3]!.headers.get('x-host'), 'kept');
    } finally {
      hosted.close();
    }
  });

  it('answers 404 for unknown paths without next(), 401 without a session', async () => {
    assert.equal((await fetch(`${base}/elsewhere`)).status, 404);
    assert.equal((await fetch(`${base}/api/totp/status`)).status, 401);
  });

  it('refuses bodies over 4 kB with 413 before the service reads them, declared or chunked', async () => {
    const big = JSON.stringify({ code: '123456', pad: 'x'.repeat(MAX_BODY_BYTES) });
    const declared = await fetch(`${base}/api/totp/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'sid=b1' },
      body: big,
    });
    assert.equal(declared.status, 413);
    assert.equal(declared.headers.get('cache-control'), 'no-store');
    assert.equal(((await declared.json()) as { error: { code: string } }).error.code, 'bad-request');
    const streamed = await chunked(`${base}/api/totp/verify`, [big.slice(0, 3000), big.slice(3000)]);
    assert.equal(streamed.status, 413);
    const small = await chunked(`${base}/api/totp/verify`, ['{"code":', '"12ab56"}']);
    assert.equal(small.status, 400, 'a small chunked body reaches the service');
  });

  it('as Connect middleware: passes other paths to next(), uses a body a parser already read', async () => {
    const other = await fetch(`${connectBase}/not-totp`);
    assert.equal(other.status, 204);
    assert.deepEqual(passedOn, ['/not-totp']);
    const json = { 'content-type': 'application/json', cookie: 'sid=c1' };
    const enrollment = await fetch(`${connectBase}/api/totp/enrollment`, { method: 'POST', headers: json, body: '{}' });
    assert.equal(enrollment.status, 200);
    const { secret } = (await enrollment.json()) as { secret: string };
    const confirm = await fetch(`${connectBase}/api/totp/enrollment/confirm`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ code: codeAt(secret, now) }),
    });
    assert.equal(confirm.status, 200);
    now += 30_000;
  });
});

describe('toNodeHandler: the request identify sees', () => {
  it('reads headers, url and method from the Node request, offers req/res, and is a Request otherwise', async () => {
    const seen: Record<string, unknown>[] = [];
    const service = createTotpService({
      store: memoryStore(),
      issuer: 'Acme',
      basePath: '/api/totp',
      identify: (request, node) => {
        seen.push({
          cookie: request.headers.get('Cookie'),
          has: request.headers.has('X-Extra'),
          missing: request.headers.get('x-none'),
          names: [...request.headers.keys()].filter((name) => name.startsWith('x-')),
          url: request.url,
          method: request.method,
          nodeUrl: node?.req.url,
          hasRes: typeof node?.res.setHeader === 'function',
          signal: request.signal instanceof AbortSignal,
          cloned: request.clone().headers.get('x-extra'),
        });
        assert.throws(() => request.headers.set('cookie', 'sid=forged'), /read-only/);
        return identify(request);
      },
    });
    const server = createServer((req, res) => void toNodeHandler(service)(req, res));
    const base = await listen(server);
    try {
      const reply = await fetch(`${base}/api/totp/status?from=test`, {
        headers: { cookie: 'sid=v1', 'x-extra': 'yes', 'x-b': '2' },
      });
      assert.equal(reply.status, 200);
    } finally {
      server.close();
    }
    assert.deepEqual(seen, [
      {
        cookie: 'sid=v1',
        has: true,
        missing: null,
        names: ['x-b', 'x-extra'],
        url: 'http://localhost/api/totp/status?from=test',
        method: 'GET',
        nodeUrl: '/api/totp/status?from=test',
        hasRes: true,
        signal: true,
        cloned: 'yes',
      },
    ]);
  });

  it('a request that fails mid-way gets the JSON 500, reported to onError', async () => {
    const errors: unknown[] = [];
    const service = createTotpService({
      store: memoryStore(),
      issuer: 'Acme',
      identify: () => {
        throw new Error('session store is down: secret-detail');
      },
      onError: (error) => errors.push(error),
    });
    const server = createServer((req, res) => void toNodeHandler(service)(req, res));
    const base = await listen(server);
    try {
      const reply = await fetch(`${base}/api/totp/status`);
      assert.equal(reply.status, 500);
      assert.equal(reply.headers.get('cache-control'), 'no-store');
      assert.ok(!(await reply.text()).includes('secret-detail'));
      assert.equal(errors.length, 1);
    } finally {
      server.close();
    }
  });
});
