/**
 * Test harness: a service over a given store with a movable clock, a stand-in for the host's
 * cookie session (`x-test-user` / `x-test-session` headers), and a record of every answer body
 * and audit event so tests can scan them for secrets (S27, S35). Requests go through `handle(Request)`
 * or, with `via: 'node'`, over real HTTP through `toNodeHandler` in a loopback node:http server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'node:test';
import type { PolicyInput } from '@totp-gate/core';
import { totp } from '@totp-gate/core/otp';
import {
  createTotpService,
  emptyUser,
  memoryStore,
  StoreUnavailableError,
  toNodeHandler,
  type AuditEvent,
  type Identity,
  type TotpService,
  type TotpServiceOptions,
  type TotpStore,
} from '../index.js';
import { sqliteStore } from '../stores/sqlite.js';
import { freePort } from './servers.js';

/** A store factory plus its cleanup; `reopen` gives a second store over the same data (SQLite only). */
export interface StoreKind {
  name: string;
  make(): { store: TotpStore; reopen?: () => TotpStore; cleanup(): void };
}

export const STORE_KINDS: StoreKind[] = [
  { name: 'memoryStore', make: () => ({ store: memoryStore(), cleanup: () => undefined }) },
  {
    name: 'sqliteStore',
    make() {
      const dir = mkdtempSync(join(tmpdir(), 'totp-server-test-'));
      const path = join(dir, 'totp.sqlite');
      const opened: TotpStore[] = [sqliteStore(path)];
      return {
        store: opened[0]!,
        reopen() {
          const store = sqliteStore(path);
          opened.push(store);
          return store;
        },
        cleanup() {
          for (const store of opened) store.close?.();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

/** The two HTTP paths the contract is served by. */
export type Transport = 'handle' | 'node';
export const TRANSPORTS: readonly Transport[] = ['handle', 'node'];

/** Every store through every transport, for the contract suites. */
export const STORE_TRANSPORTS: readonly (readonly [StoreKind, Transport])[] = STORE_KINDS.flatMap((kind) =>
  TRANSPORTS.map((via) => [kind, via] as const),
);

/** 2026-01-01T00:00:00Z plus a few seconds, inside a 30 s step. */
export const T0 = Date.UTC(2026, 0, 1, 0, 0, 5);
export const STEP = 30_000;

/** A parsed answer. */
export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** Extra facts per user (roles, requiredSince) and the account label. */
export interface UserFacts {
  roles?: string[];
  requiredSince?: Date | string | null;
  account?: string;
}

export interface Harness {
  service: TotpService;
  store: TotpStore;
  clock: { now: number };
  events: AuditEvent[];
  /** Every answer body, as text. */
  bodies: string[];
  facts: Map<string, UserFacts>;
  as(userId: string, sessionId?: string): Client;
  /** Sends a request through the harness's transport. */
  send(request: Request): Promise<Response>;
  request(path: string, init?: RequestInit & { user?: string; session?: string }): Promise<Reply>;
  /** A JSON POST from `user`'s `session` (`body` as JSON; `{}` when left out). */
  post(path: string, user: string, session: string, body?: unknown): Promise<Reply>;
}

export interface Client {
  userId: string;
  sessionId: string;
  status(): Promise<Reply>;
  enroll(): Promise<Reply>;
  confirm(code: unknown): Promise<Reply>;
  verify(code: unknown): Promise<Reply>;
  recovery(code: unknown): Promise<Reply>;
  regenerate(code: unknown): Promise<Reply>;
  defer(): Promise<Reply>;
  guard(): Promise<Reply | null>;
}

/** What a harness is made with besides its store: the policy, the transport, service options. */
export type HarnessOptions = { policy?: PolicyInput; via?: Transport } & Partial<
  Omit<TotpServiceOptions, 'store' | 'policy' | 'identify'>
>;

export function makeHarness(store: TotpStore, options: HarnessOptions = {}): Harness {
  const { via = 'handle', ...serviceOptions } = options;
  const clock = { now: T0 };
  const events: AuditEvent[] = [];
  const bodies: string[] = [];
  const facts = new Map<string, UserFacts>();
  const identify = (request: Request): Identity | null => {
    const userId = request.headers.get('x-test-user');
    const sessionId = request.headers.get('x-test-session');
    if (!userId || !sessionId) return null;
    const extra = facts.get(userId) ?? {};
    return {
      userId,
      sessionId,
      account: extra.account ?? `${userId}@example.com`,
      roles: extra.roles ?? [],
      requiredSince: extra.requiredSince ?? null,
    };
  };
  const service = createTotpService({
    issuer: 'Acme',
    now: () => clock.now,
    onAudit: (event) => void events.push(event),
    ...serviceOptions,
    store,
    identify,
  });

  let listening: Promise<string> | undefined;
  /** The loopback server, started at the first request; unref'd so it never keeps a test alive. */
  function origin(): Promise<string> {
    listening ??= new Promise((resolve) => {
      const server: Server = createServer(toNodeHandler(service));
      server.keepAliveTimeout = 200;
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
      server.unref();
    });
    return listening;
  }

  async function send(request: Request): Promise<Response> {
    if (via === 'handle') return service.handle(request);
    const url = new URL(request.url);
    const body = request.body === null ? undefined : await request.arrayBuffer();
    return fetch(`${await origin()}${url.pathname}${url.search}`, {
      method: request.method,
      headers: request.headers,
      body,
    });
  }

  async function read(response: Response): Promise<Reply> {
    const text = await response.text();
    bodies.push(text);
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  }

  async function request(path: string, init: RequestInit & { user?: string; session?: string } = {}) {
    const headers = new Headers(init.headers);
    if (init.user) headers.set('x-test-user', init.user);
    if (init.session) headers.set('x-test-session', init.session);
    const { user: _u, session: _s, ...rest } = init;
    return read(await send(new Request(`http://host.test/api/totp${path}`, { ...rest, headers })));
  }

  function post(path: string, user: string, session: string, body?: unknown) {
    const headers = { 'content-type': 'application/json' };
    return request(path, { method: 'POST', user, session, headers, body: JSON.stringify(body ?? {}) });
  }

  function as(userId: string, sessionId = `${userId}-session-1`): Client {
    return {
      userId,
      sessionId,
      status: () => request('/status', { user: userId, session: sessionId }),
      enroll: () => post('/enrollment', userId, sessionId),
      confirm: (code) => post('/enrollment/confirm', userId, sessionId, { code }),
      verify: (code) => post('/verify', userId, sessionId, { code }),
      recovery: (code) => post('/recovery', userId, sessionId, { code }),
      regenerate: (code) => post('/recovery-codes', userId, sessionId, { code }),
      defer: () => post('/defer', userId, sessionId),
      async guard() {
        const headers = { 'x-test-user': userId, 'x-test-session': sessionId };
        const denied = await service.guard(new Request('http://host.test/api/private', { headers }));
        return denied === null ? null : read(denied);
      },
    };
  }

  return { service, store, clock, events, bodies, facts, as, request, post, send };
}

/**
 * A harness for each test of the calling `describe`, over a fresh store of `kind`: the object
 * returned is refilled with a new harness before each test and its store cleaned up after it,
 * so the describe body can hold it (`const h = harnessPerTest(kind)`); `h.store` is that store.
 */
export function harnessPerTest(kind: StoreKind, options: HarnessOptions = {}): Harness {
  const h = {} as Harness;
  let cleanup: () => void = () => undefined;
  beforeEach(() => {
    const made = kind.make();
    cleanup = made.cleanup;
    Object.assign(h, makeHarness(made.store, options));
  });
  afterEach(() => cleanup());
  return h;
}

/** The code an authenticator shows at `ms` (through otpauth, independent of the server's HMAC). */
export function codeAt(secret: string, ms: number, params: { digits?: number; period?: number } = {}): string {
  return totp(secret, ms, params);
}

/** A code that matches no step within `reach` steps of `ms`. */
export function wrongCode(secret: string, ms: number, reach = 1, digits = 6): string {
  const taken = new Set<string>();
  for (let d = -reach; d <= reach; d++) taken.add(codeAt(secret, ms + d * STEP, { digits }));
  for (let n = 0; ; n++) {
    const code = String((n * 7_919 + 123_457) % 10 ** digits).padStart(digits, '0');
    if (!taken.has(code)) return code;
  }
}

/** Enrolls a user in one session and returns the secret and recovery codes. */
export async function enrolled(h: Harness, userId: string, sessionId?: string) {
  const client = h.as(userId, sessionId);
  const enrollment = await client.enroll();
  if (enrollment.status !== 200) throw new Error(`enroll failed: ${JSON.stringify(enrollment.body)}`);
  const secret: string = enrollment.body.secret;
  const confirm = await client.confirm(codeAt(secret, h.clock.now));
  if (confirm.status !== 200) throw new Error(`confirm failed: ${JSON.stringify(confirm.body)}`);
  return { client, secret, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

/**
 * S70 for a store whose server does not answer (`open` gets a free port nobody listens on): a
 * read and an update both fail closed with StoreUnavailableError; the store is closed after.
 */
export async function assertFailsClosedWithoutServer(open: (port: number) => TotpStore): Promise<void> {
  const store = open(await freePort());
  try {
    await assert.rejects(store.getUser('dave'), StoreUnavailableError);
    await assert.rejects(
      store.updateUser('dave', () => ({ next: emptyUser('dave'), result: null })),
      StoreUnavailableError,
    );
  } finally {
    await store.close?.();
  }
}
