/**
 * One way to mount: the service's `basePath` is the path the browser calls, and it works in
 * node:http, Express (`app.use`, nested routers, after `express.json()`), Connect and `handle()`.
 * Real servers on loopback ports; a mount that can never reach `basePath` is a clear error.
 */
import assert from 'node:assert/strict';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import connect from 'connect';
import express from 'express';
import { createTotpService, memoryStore, toNodeHandler, type Identity, type TotpServiceOptions } from './index.js';

const identify = (request: Request): Identity | null => {
  const sid = request.headers.get('x-sid');
  return sid ? { userId: `user-${sid}`, sessionId: sid, account: `${sid}@example.com` } : null;
};

function serviceAt(basePath?: string, extra: Partial<TotpServiceOptions> = {}) {
  return createTotpService({ store: memoryStore(), issuer: 'Acme', identify, ...extra, ...(basePath && { basePath }) });
}

const servers: Server[] = [];
after(() => {
  for (const server of servers) server.close();
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function get(url: string) {
  const response = await fetch(url, { headers: { 'x-sid': 'm1' } });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

async function postVerify(url: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'x-sid': 'm2', 'content-type': 'application/json' },
    body: JSON.stringify({ code: '123456' }),
  });
  return { status: response.status, body: (await response.json()) as { error: { code: string } } };
}

/** An Express app with the handler mounted by `mount`, and a catch-all that says it was reached. */
function expressApp(mount: (app: express.Express) => void) {
  const app = express();
  mount(app);
  app.use((_req, res) => void res.status(299).json({ host: true }));
  return app;
}

describe('mounting the service', () => {
  it('node:http: basePath in createTotpService alone', async () => {
    const base = await serve(toNodeHandler(serviceAt('/api/totp')) as RequestListener);
    assert.equal((await get(`${base}/api/totp/status`)).status, 200);
    const other = await get(`${base}/elsewhere/status`);
    assert.equal(other.status, 404);
    assert.match(other.type, /application\/json/);
  });

  it("Express app.use('/api/totp', handler), with or without basePath", async () => {
    for (const basePath of ['/api/totp', undefined]) {
      const totp = toNodeHandler(serviceAt(basePath));
      const base = await serve(expressApp((app) => app.use('/api/totp', totp)));
      assert.equal((await get(`${base}/api/totp/status`)).status, 200, `basePath ${basePath}`);
      assert.equal((await get(`${base}/api/totp/status?x=1`)).status, 200, `basePath ${basePath}`);
      const missing = await get(`${base}/api/totp/nothing-here`);
      assert.equal(missing.status, 404, 'a path under the mount that is no route: the JSON 404');
      assert.match(missing.type, /application\/json/);
      assert.equal((await get(`${base}/api/notes`)).status, 299, 'other paths reach the host');
      assert.equal((await postVerify(`${base}/api/totp/verify`)).body.error.code, 'bad-request');
    }
  });

  it('Express: app.use(handler) without a path, nested routers, and after express.json()', async () => {
    const totp = toNodeHandler(serviceAt('/api/totp'));
    const global = await serve(expressApp((app) => app.use(totp)));
    assert.equal((await get(`${global}/api/totp/status`)).status, 200);
    assert.equal((await get(`${global}/api/notes`)).status, 299);

    const nested = await serve(
      expressApp((app) => {
        const router = express.Router();
        router.use('/totp', toNodeHandler(serviceAt('/api/totp')));
        app.use('/api', router);
      }),
    );
    assert.equal((await get(`${nested}/api/totp/status`)).status, 200);
    assert.equal((await get(`${nested}/api/notes`)).status, 299, 'a router mount above basePath passes others on');

    const parsed = await serve(
      expressApp((app) => {
        app.use(express.json());
        app.use('/api/totp', toNodeHandler(serviceAt('/api/totp')));
      }),
    );
    const verify = await postVerify(`${parsed}/api/totp/verify`);
    assert.equal(verify.status, 400);
    assert.equal(verify.body.error.code, 'bad-request', 'the parsed body reached the service: not enrolled');
  });

  it("Connect app.use('/api/totp', handler), with or without basePath", async () => {
    for (const basePath of ['/api/totp', undefined]) {
      const app = connect();
      app.use('/api/totp', toNodeHandler(serviceAt(basePath)));
      app.use((_req: unknown, res: { statusCode: number; end(): void }) => {
        res.statusCode = 299;
        res.end();
      });
      const base = await serve(app as unknown as RequestListener);
      assert.equal((await get(`${base}/api/totp/status`)).status, 200, `basePath ${basePath}`);
      assert.equal((await get(`${base}/api/totp/nothing-here`)).status, 404);
      assert.equal((await get(`${base}/other`)).status, 299);
      assert.equal((await postVerify(`${base}/api/totp/verify`)).body.error.code, 'bad-request');
    }
  });

  it('fetch runtimes: handle(Request) with the same basePath', async () => {
    const service = serviceAt('/api/totp');
    const ok = await service.handle(new Request('https://app.test/api/totp/status', { headers: { 'x-sid': 'f' } }));
    assert.equal(ok.status, 200);
    const outside = await service.handle(new Request('https://app.test/other/status', { headers: { 'x-sid': 'f' } }));
    assert.equal(outside.status, 404);
  });

  it('a mount that can never reach basePath is a clear 500 and an onError report', async () => {
    const errors: unknown[] = [];
    const totp = toNodeHandler(serviceAt('/api/totp', { onError: (error) => errors.push(error) }));
    const base = await serve(expressApp((app) => app.use('/auth/totp', totp)));
    const reply = await get(`${base}/auth/totp/status`);
    assert.equal(reply.status, 500);
    assert.match(reply.text, /mounted at \\"\/auth\/totp\\" but its basePath is \\"\/api\/totp\\"/);
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof TypeError);
  });

  it('basePath goes to createTotpService only: elsewhere it is refused with a clear error', () => {
    const service = serviceAt();
    assert.throws(
      () => toNodeHandler(service, { basePath: '/api/totp' } as unknown as Record<string, never>),
      /toNodeHandler takes no basePath: give it to createTotpService/,
    );
    assert.throws(() => serviceAt('api/totp'), /basePath must be a path such as "\/api\/totp"/);
    assert.throws(() => toNodeHandler({ handle: () => undefined } as never), /made by createTotpService/);
  });
});
