import { expect } from './test-fixtures/expect.js';
import type { TotpGateError } from './errors.js';
import { createGate } from './gate.js';
import { createHttpBackend, type HttpBackendOptions } from './http.js';
import {
  HOSTILE_CONFIRM,
  HOSTILE_ENROLLMENT,
  HOSTILE_STATUS,
  HOSTILE_VERIFY,
  SCRIPT,
  goodEnrollment,
  goodStatus,
} from './test-fixtures/hostile.js';
import { manualClock } from './test-fixtures/manual-clock.js';
import { json, rejection } from './test-fixtures/fetch-stub.js';

interface Sent {
  url: string;
  init: RequestInit;
}

type Reply = Response | (() => Response | Promise<Response>);

/** A `fetch` stub that records what it was asked and answers real Response objects. */
function stub(reply: Reply) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    sent.push({ url, init });
    return typeof reply === 'function' ? reply() : reply.clone();
  };
  return { sent, fetch };
}

const errorBody = (code: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message: `Refused: ${code}.`, ...extra },
});

function backendFor(reply: Reply, options: Partial<HttpBackendOptions> = {}) {
  const s = stub(reply);
  return { ...s, backend: createHttpBackend({ baseUrl: '/api/totp/', fetch: s.fetch, ...options }) };
}

describe('createHttpBackend requests', () => {
  it('GET /status with JSON accept, same-origin credentials, no-store, no body', async () => {
    const { sent, backend } = backendFor(json(goodStatus()));
    const status = await backend.status();
    expect(status).to.deep.equal(goodStatus());
    expect(sent).to.have.length(1);
    const [{ url, init }] = sent as [Sent];
    expect(url).to.equal('/api/totp/status');
    expect(init.method).to.equal('GET');
    expect(init.credentials).to.equal('same-origin');
    expect(init.cache).to.equal('no-store');
    expect(init.body).to.equal(undefined);
    expect(init.headers).to.deep.equal({ accept: 'application/json' });
    expect(init.signal).to.have.property('aborted', false);
  });

  const posts: Array<
    [string, (b: ReturnType<typeof createHttpBackend>) => Promise<unknown>, string, unknown, unknown]
  > = [
    ['startEnrollment', (b) => b.startEnrollment({ password: 'hunter2' }), '/enrollment', {}, goodEnrollment()],
    [
      'confirmEnrollment',
      (b) => b.confirmEnrollment('123456'),
      '/enrollment/confirm',
      { code: '123456' },
      { state: 'verified', recoveryCodes: ['aaaaa-bbbbb'] },
    ],
    ['verify', (b) => b.verify('654321'), '/verify', { code: '654321' }, { state: 'verified' }],
    [
      'verify with "Don\'t ask again on this device" (S58)',
      (b) => b.verify('654321', { rememberDevice: true }),
      '/verify',
      { code: '654321', rememberDevice: true },
      { state: 'verified' },
    ],
    [
      'verify with the box left unticked',
      (b) => b.verify('654321', { rememberDevice: false }),
      '/verify',
      { code: '654321' },
      { state: 'verified' },
    ],
    [
      'redeemRecoveryCode',
      (b) => b.redeemRecoveryCode!('aaaaa-bbbbb'),
      '/recovery',
      { code: 'aaaaa-bbbbb' },
      { state: 'verified', recoveryCodesLeft: 9 },
    ],
    ['defer', (b) => b.defer!(), '/defer', {}, { state: 'deferred', graceEndsAt: '2026-03-08T12:00:00.000Z' }],
  ];
  for (const [name, call, path, body, answer] of posts) {
    it(`${name}: POST ${path} with a JSON body, and the answer validated`, async () => {
      const { sent, backend } = backendFor(json(answer), { headers: { 'x-csrf-token': 't0k3n' } });
      expect(await call(backend)).to.deep.equal(answer);
      const [{ url, init }] = sent as [Sent];
      expect(url).to.equal(`/api/totp${path}`);
      expect(init.method).to.equal('POST');
      expect(init.headers).to.deep.equal({
        accept: 'application/json',
        'content-type': 'application/json',
        'x-csrf-token': 't0k3n',
      });
      expect(JSON.parse(init.body as string)).to.deep.equal(body);
      expect(init.credentials).to.equal('same-origin');
    });
  }

  it('S33 never sends the enrollment password the REST contract does not take', async () => {
    const { sent, backend } = backendFor(json(goodEnrollment()));
    await backend.startEnrollment({ password: 'hunter2' });
    expect(JSON.stringify(sent)).not.to.include('hunter2');
  });

  it('honours a credentials option and cannot have its content type overridden', async () => {
    const { sent, backend } = backendFor(json({ state: 'verified' }), {
      credentials: 'include',
      headers: { 'content-type': 'text/plain' },
    });
    await backend.verify('123456');
    expect(sent[0]!.init.credentials).to.equal('include');
    expect((sent[0]!.init.headers as Record<string, string>)['content-type']).to.equal('application/json');
  });

  it('declares the REST contract capabilities', () => {
    expect(createHttpBackend({ baseUrl: '/x' }).capabilities).to.deep.equal({
      recoveryCodes: true,
      defer: true,
      enrollmentRequiresPassword: false,
      requiresRecentLogin: false,
    });
  });
});

describe('createHttpBackend errors', () => {
  const cases: Array<[string, () => Response, Partial<TotpGateError>]> = [
    ['401 unauthenticated', () => json(errorBody('unauthenticated'), 401), { code: 'unauthenticated', status: 401 }],
    ['401 with an HTML page', () => new Response('<h1>Sign in</h1>', { status: 401 }), { code: 'unauthenticated' }],
    [
      '400 invalid-code with attemptsLeft',
      () => json(errorBody('invalid-code', { attemptsLeft: 3 }), 400),
      { code: 'invalid-code', attemptsLeft: 3, status: 400 },
    ],
    [
      '400 invalid-code with skewSeconds',
      () => json(errorBody('invalid-code', { skewSeconds: -120 }), 400),
      { code: 'invalid-code', skewSeconds: -120 },
    ],
    ['400 code-reused', () => json(errorBody('code-reused'), 400), { code: 'code-reused', status: 400 }],
    ['400 bad-request', () => json(errorBody('bad-request'), 400), { code: 'bad-request' }],
    ['400 with no body', () => new Response(null, { status: 400 }), { code: 'bad-request' }],
    ['400 with an unknown code', () => json(errorBody('open-sesame'), 400), { code: 'bad-request' }],
    ['410 enrollment-expired', () => json(errorBody('enrollment-expired'), 410), { code: 'enrollment-expired' }],
    ['410 without a body', () => new Response('', { status: 410 }), { code: 'enrollment-expired' }],
    ['409 already-enrolled', () => json(errorBody('already-enrolled'), 409), { code: 'already-enrolled' }],
    ['409 without a body', () => new Response('', { status: 409 }), { code: 'already-enrolled' }],
    ['403 grace-expired', () => json(errorBody('grace-expired'), 403), { code: 'grace-expired', status: 403 }],
    ['403 from a CSRF layer (HTML)', () => new Response('<p>CSRF</p>', { status: 403 }), { code: 'bad-response' }],
    ['429 locked without Retry-After (administrator reset)', () => json(errorBody('locked'), 429), { code: 'locked' }],
    [
      '415 unsupported-media-type',
      () => json(errorBody('unsupported-media-type'), 415),
      { code: 'bad-request', status: 415 },
    ],
    [
      '500 with an HTML body',
      () => new Response(`<!doctype html><h1>Internal Server Error</h1>${SCRIPT}`, { status: 500 }),
      { code: 'bad-response', status: 500 },
    ],
    ['502 from a proxy', () => new Response('Bad Gateway', { status: 502 }), { code: 'network' }],
    ['503 unavailable', () => new Response('', { status: 503 }), { code: 'network' }],
    ['504 gateway timeout', () => new Response('', { status: 504 }), { code: 'network' }],
    ['200 with a non-JSON body', () => new Response('<html>ok</html>', { status: 200 }), { code: 'bad-response' }],
    ['200 with an empty body', () => new Response('', { status: 200 }), { code: 'bad-response' }],
    ['200 with truncated JSON', () => new Response('{"state":"verif', { status: 200 }), { code: 'bad-response' }],
  ];
  for (const [name, reply, expected] of cases) {
    it(`${name} → ${expected.code}`, async () => {
      const { backend } = backendFor(reply);
      const error = await rejection(backend.verify('123456'));
      for (const [key, value] of Object.entries(expected)) {
        expect(error[key as keyof TotpGateError], key).to.equal(value);
      }
      if (expected.code === 'locked') expect(error.retryAt).to.equal(undefined);
    });
  }

  it('429 with Retry-After seconds → locked with retryAt', async () => {
    const clock = manualClock();
    const { backend } = backendFor(() => json(errorBody('locked'), 429, { 'retry-after': '120' }), { clock });
    const error = await rejection(backend.verify('123456'));
    expect(error.code).to.equal('locked');
    expect(error.retryAt!.getTime()).to.equal(clock.now() + 120_000);
  });

  it('429 with a Retry-After HTTP date → locked with that retryAt', async () => {
    const clock = manualClock();
    const at = new Date(clock.now() + 300_000);
    const reply = () => json(errorBody('locked'), 429, { 'retry-after': at.toUTCString() });
    const error = await rejection(backendFor(reply, { clock }).backend.verify('123456'));
    expect(error.retryAt!.getTime()).to.equal(at.getTime());
  });

  it('429 with retryAfter in the body prefers the body', async () => {
    const clock = manualClock();
    const reply = () => json(errorBody('locked', { retryAfter: 60 }), 429, { 'retry-after': '5' });
    const error = await rejection(backendFor(reply, { clock }).backend.verify('123456'));
    expect(error.retryAt!.getTime()).to.equal(clock.now() + 60_000);
  });

  it('429 with a nonsense Retry-After → locked without retryAt', async () => {
    const { backend } = backendFor(() => json(errorBody('locked'), 429, { 'retry-after': 'soon-ish' }));
    const error = await rejection(backend.verify('123456'));
    expect(error.code).to.equal('locked');
    expect(error.retryAt).to.equal(undefined);
  });

  it('S39 a server message with markup is kept as plain text, never interpreted', async () => {
    const { backend } = backendFor(() => json({ error: { code: 'invalid-code', message: SCRIPT } }, 400));
    const error = await rejection(backend.verify('123456'));
    expect(error.message).to.equal(SCRIPT);
  });

  it('an oversized error message falls back on the status', async () => {
    const { backend } = backendFor(() => json({ error: { code: 'invalid-code', message: 'x'.repeat(5000) } }, 400));
    const error = await rejection(backend.verify('123456'));
    expect(error.code).to.equal('bad-request');
    expect(error.message.length).to.be.below(100);
  });

  it('S40 a declared Content-Length over the limit is refused', async () => {
    const { backend } = backendFor(
      () => new Response('{}', { status: 200, headers: { 'content-length': String(10_000_000) } }),
    );
    expect((await rejection(backend.status())).code).to.equal('bad-response');
  });

  it('S40 a body over the limit is refused even without Content-Length', async () => {
    const big = JSON.stringify({ ...goodStatus(), padding: 'x'.repeat(70_000) });
    const { backend } = backendFor(() => new Response(big, { status: 200 }));
    expect((await rejection(backend.status())).code).to.equal('bad-response');
    const roomy = backendFor(() => new Response(big, { status: 200 }), { maxResponseBytes: 100_000 });
    expect((await roomy.backend.status()).state).to.equal('enrollment-required');
  });

  it('a fetch that rejects with a TypeError is a network error', async () => {
    const backend = createHttpBackend({
      baseUrl: '/api/totp',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const error = await rejection(backend.status());
    expect(error.code).to.equal('network');
    expect(error.retryable).to.equal(true);
  });

  /**
   * Asks for the status through `fetch` with a 30 ms timeout, moves the clock to the deadline,
   * and gives what the call rejected with (checking it was still waiting 1 ms before).
   */
  async function statusAtDeadline(fetch: HttpBackendOptions['fetch']): Promise<TotpGateError> {
    const clock = manualClock();
    const backend = createHttpBackend({ baseUrl: '/api/totp', timeoutMs: 30, clock, fetch });
    let settled = false;
    const error = rejection(backend.status()).finally(() => (settled = true));
    await clock.deadlineSet();
    clock.advance(29);
    await Promise.resolve();
    expect(settled, 'still waiting before the deadline').to.equal(false);
    clock.advance(1);
    return error;
  }

  it('a fetch that never resolves and ignores its signal times out', async () => {
    const error = await statusAtDeadline(() => new Promise(() => undefined));
    expect(error.code).to.equal('timeout');
  });

  it('a fetch that honours its signal times out as timeout', async () => {
    const error = await statusAtDeadline(
      (_url, init) =>
        new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))),
    );
    expect(error.code).to.equal('timeout');
  });

  it('a body that never ends times out', async () => {
    const endless = () => new Response(new ReadableStream<Uint8Array>({ start() {} }), { status: 200 });
    expect((await statusAtDeadline(async () => endless())).code).to.equal('timeout');
  });

  it('aborting the caller signal stops the request', async () => {
    const controller = new AbortController();
    const backend = createHttpBackend({ baseUrl: '/api/totp', fetch: () => new Promise(() => undefined) });
    const pending = rejection(backend.status({ signal: controller.signal }));
    controller.abort();
    expect((await pending).code).to.equal('timeout');
  });
});

describe('S40 hostile answers through createHttpBackend', () => {
  const serialisable = (value: unknown): string | null => {
    try {
      return JSON.stringify(value) ?? null;
    } catch {
      return null;
    }
  };
  const groups: Array<
    [string, Array<[string, unknown]>, (b: ReturnType<typeof createHttpBackend>) => Promise<unknown>]
  > = [
    ['status()', HOSTILE_STATUS, (b) => b.status()],
    ['confirmEnrollment()', HOSTILE_CONFIRM, (b) => b.confirmEnrollment('123456')],
    ['verify()', HOSTILE_VERIFY, (b) => b.verify('123456')],
  ];
  for (const [method, values, call] of groups) {
    for (const [name, value] of values) {
      const body = serialisable(value);
      // Skip what JSON cannot carry (undefined; NaN, which becomes null).
      if (body === null || name.includes('NaN')) continue;
      it(`S40 ${method} answering ${name} (HTTP 200) → bad-response`, async () => {
        const { backend } = backendFor(() => new Response(body, { status: 200 }), { maxResponseBytes: 10_000_000 });
        expect((await rejection(call(backend))).code).to.equal('bad-response');
      });
    }
  }

  for (const [name, value] of HOSTILE_ENROLLMENT) {
    const body = serialisable(value);
    if (body === null) continue;
    it(`S40 an enrollment answering ${name} leaves the gate in enrollment-required with bad-response`, async () => {
      let reply = () => json(value);
      const fetch = async (url: string) => (url.endsWith('/status') ? json(goodStatus()) : reply());
      const gate = createGate({ backend: createHttpBackend({ baseUrl: '/api/totp', fetch }) });
      await gate.refresh();
      const state = await gate.startEnrollment();
      expect(state.status).to.equal('enrollment-required');
      expect(state.error?.code).to.equal('bad-response');
      reply = () => json(goodEnrollment());
      expect((await gate.startEnrollment()).status).to.equal('enrolling');
    });
  }

  it('S40 an HTTP 500 with an HTML body puts a gate in failed/bad-response, and retry works', async () => {
    let broken = true;
    const fetch = async () =>
      broken ? new Response(`<html>${SCRIPT}</html>`, { status: 500 }) : json(goodStatus({ state: 'verified' }));
    const gate = createGate({ backend: createHttpBackend({ baseUrl: '/api/totp', fetch }), autoRefresh: false });
    const state = await gate.refresh();
    expect(state.status).to.equal('failed');
    expect(state.error?.code).to.equal('bad-response');
    broken = false;
    expect((await gate.refresh()).status).to.equal('verified');
  });

  it('S40 a hanging fetch puts a gate in failed/timeout, not an open state', async () => {
    const clock = manualClock();
    const gate = createGate({
      backend: createHttpBackend({
        baseUrl: '/api/totp',
        timeoutMs: 20,
        clock,
        fetch: () => new Promise(() => undefined),
      }),
      autoRefresh: false,
      // Its own clock, whose 30 s never pass: the adapter's timeout is the one under test.
      clock: manualClock(),
    });
    const pending = gate.refresh();
    await clock.deadlineSet();
    clock.advance(20);
    const state = await pending;
    expect(state.status).to.equal('failed');
    expect(state.error?.code).to.equal('timeout');
  });
});
