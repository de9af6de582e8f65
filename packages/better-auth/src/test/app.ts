/**
 * Test fixtures: a real better-auth server in the test process (better-auth's Kysely adapter on a
 * better-sqlite3 file, `auth.handler(Request)`), a browser-like client with a cookie jar, and the
 * TOTP Gate service mounted next to better-auth with a protected route.
 */
import Database from 'better-sqlite3';
import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteStore, type AuditEvent, type TotpStore } from '@totp-gate/server';
import { createBetterAuthTotpGate, type BetterAuthTotpGate, type BetterAuthTotpGateOptions } from '../gate.js';
import { totpGateSession } from '../session-plugin.js';
import { twoFactor } from 'better-auth/plugins';
import { createAuthClient } from 'better-auth/client';
import { twoFactorClient } from 'better-auth/client/plugins';
import { mandatoryTwoFactor, type MandatoryTwoFactorOptions } from '../plugin/mandatory.js';
import { requireTwoFactor } from '../plugin/guard.js';
import { betterAuthBackend, type BetterAuthClient } from '../client/backend.js';

export const ORIGIN = 'http://app.test';
export const PASSWORD = 'correct horse battery staple';
/** 2026-01-01T00:00:05Z: the TOTP Gate service's clock starts inside a 30 s step. */
export const T0 = Date.UTC(2026, 0, 1, 0, 0, 5);
export const STEP = 30_000;

const SCRYPT = { N: 1024, r: 8, p: 1 };
async function fastHash(password: string): Promise<string> {
  const salt = randomBytes(16).toString('hex');
  return `${salt}:${scryptSync(password, salt, 32, SCRYPT).toString('hex')}`;
}
async function fastVerify({ hash, password }: { hash: string; password: string }): Promise<boolean> {
  const [salt, key] = hash.split(':') as [string, string];
  return timingSafeEqual(scryptSync(password, salt, 32, SCRYPT), Buffer.from(key, 'hex'));
}

/** A better-auth instance on a fresh SQLite file with the given plugins, migrated. */
export async function createAuth(plugins: BetterAuthPlugin[], extra: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'totp-better-auth-'));
  const database = new Database(join(dir, 'auth.sqlite'));
  const auth = betterAuth({
    baseURL: ORIGIN,
    secret: 'test-secret-of-the-better-auth-fixture-0123456789',
    database,
    // better-auth's own password hashing, with a cheaper scrypt cost: each sign-up and sign-in
    // would otherwise spend most of a test's time in the key derivation.
    emailAndPassword: { enabled: true, password: { hash: fastHash, verify: fastVerify } },
    plugins,
    telemetry: { enabled: false },
    logger: { disabled: true },
    ...extra,
  });
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
  return {
    auth,
    dir,
    close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Handler = (request: Request) => Promise<Response>;

function parse(text: string): any {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** A browser stand-in: one cookie jar, JSON requests with this site's Origin. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(readonly handler: Handler) {}

  /** A fetch through the jar: what a page's `fetch` with `credentials: 'include'` does on this site. */
  async raw(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = new Request(typeof input === 'string' ? new URL(input, ORIGIN) : input, init);
    const headers = new Headers(request.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (request.method !== 'GET') {
      headers.set('origin', ORIGIN);
      headers.set('sec-fetch-site', 'same-origin');
    }
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    const response = await this.handler(new Request(request.url, { method: request.method, headers, body }));
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async fetch(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
    const headers = new Headers(init.headers);
    if (method !== 'GET' && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const body = method === 'GET' ? undefined : JSON.stringify(init.body ?? {});
    const response = await this.raw(path, { method, headers, body });
    return { status: response.status, headers: response.headers, body: parse(await response.text()) };
  }

  signUp(email: string, extra: Record<string, unknown> = {}) {
    return this.fetch('/api/auth/sign-up/email', { body: { email, password: PASSWORD, name: email, ...extra } });
  }

  signIn(email: string, password = PASSWORD) {
    return this.fetch('/api/auth/sign-in/email', { body: { email, password } });
  }

  signOut() {
    return this.fetch('/api/auth/sign-out', { body: {} });
  }
}

/** The app of Way 1: better-auth at /api/auth, TOTP Gate at /api/totp, a protected /api/notes. */
export async function createWay1App(
  options: Partial<Omit<BetterAuthTotpGateOptions, 'auth'>> = {},
  plugins: BetterAuthPlugin[] = [],
  authOptions: Record<string, unknown> = {},
) {
  const made = await createAuth([totpGateSession(), ...plugins], authOptions);
  const clock = { now: T0 };
  const events: AuditEvent[] = [];
  const store: TotpStore = options.store ?? sqliteStore(join(made.dir, 'totp.sqlite'));
  const totp: BetterAuthTotpGate = createBetterAuthTotpGate({
    auth: made.auth,
    store,
    issuer: 'Acme Portal',
    basePath: '/api/totp',
    now: () => clock.now,
    onAudit: (event) => void events.push(event),
    ...options,
  });
  const notes = totp.protect(async () => Response.json({ notes: ['the protected data'] }));
  const handler: Handler = async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/api/auth/')) return made.auth.handler(request);
    if (pathname.startsWith('/api/totp/')) return totp.service.handle(request);
    if (pathname === '/api/notes') return notes(request);
    return new Response('not found', { status: 404 });
  };
  return {
    ...made,
    totp,
    store,
    clock,
    events,
    handler,
    client: () => new Client(handler),
    close() {
      store.close?.();
      made.close();
    },
  };
}

/** Way 2's better-auth plugins: its own two-factor plugin, made mandatory. */
export function way2Plugins(options: MandatoryTwoFactorOptions = {}): BetterAuthPlugin[] {
  return [
    twoFactor({ issuer: 'Acme Portal', accountLockout: { maxFailedAttempts: 5, durationSeconds: 900 } }),
    mandatoryTwoFactor(options),
  ];
}

/**
 * The app of Way 2: better-auth's own two-factor plugin made mandatory by `mandatoryTwoFactor()`,
 * and better-auth's real browser client (`createAuthClient`) whose fetch goes through a cookie jar.
 */
export async function createWay2App(options: MandatoryTwoFactorOptions = {}) {
  const made = await createAuth(way2Plugins(options));
  const guard = requireTwoFactor(made.auth);
  const handler: Handler = async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/api/auth/')) return made.auth.handler(request);
    if (pathname === '/api/notes') return (await guard(request)) ?? Response.json({ notes: ['the protected data'] });
    return new Response('not found', { status: 404 });
  };
  const browser = () => {
    const jar = new Client(handler);
    const authClient = createAuthClient({
      baseURL: `${ORIGIN}/api/auth`,
      plugins: [twoFactorClient()],
      fetchOptions: { customFetchImpl: (input, init) => jar.raw(input as string | URL | Request, init) },
    });
    return { jar, authClient, backend: betterAuthBackend(authClient as unknown as BetterAuthClient) };
  };
  return { ...made, handler, browser };
}
