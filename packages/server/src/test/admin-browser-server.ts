/**
 * The server side of the tests of the admin client and `<totp-admin>`: a real TOTP Gate service
 * (memory store, real clock) with its admin mount, served by web-test-runner's dev server at
 * /api/totp-admin-test/<key>/ so Chromium's page talks to it over HTTP (and by `listenAdminTest`
 * on a port of its own for core's tests under Node). Each key is a fresh
 * copy of the same users (made once, then copied record by record), so tests and files running
 * side by side never see each other's changes. The request header `x-admin: <id>` stands for the
 * host's own administrator check.
 *
 * The users, each made through the service's own routes:
 * - alice: enrolled (staff); carol: enrolled (admin); erin: enrolled, then exempted by carol;
 * - bob: has deferred enrollment in the grace period (contractor);
 * - dave: enrolled, then locked by wrong codes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTotpAdmin, memoryStore, type TotpAdminMount, type TotpStore } from '../index.js';
import { enrolled, makeHarness, wrongCode } from './harness.js';

const PREFIX = '/api/totp-admin-test/';
const mounts = new Map<string, Promise<TotpAdminMount>>();

const POLICY = { gracePeriodSeconds: 7 * 86_400, lockout: { threshold: 3 } };
const PEOPLE: Array<[string, string, string[]]> = [
  ['alice', 'Alice Archer', ['staff']],
  ['bob', 'Bob Baker', ['contractor']],
  ['carol', 'Carol Cruz', ['admin']],
  ['dave', 'Dave Dunn', ['staff']],
  ['erin', 'Erin Ey', ['staff']],
];

function harness(store: TotpStore) {
  const h = makeHarness(store, { now: () => Date.now(), policy: POLICY });
  const since = new Date(Date.now() - 86_400_000).toISOString();
  for (const [id, account, roles] of PEOPLE) h.facts.set(id, { account, roles, requiredSince: since });
  h.clock.now = Date.now();
  return h;
}

/** The users, made once through the service's routes (enrolling hashes recovery codes: slow). */
async function template(): Promise<TotpStore> {
  const h = harness(memoryStore());
  for (const id of ['alice', 'carol', 'erin']) await enrolled(h, id);
  const { secret } = await enrolled(h, 'dave');
  h.clock.now = Date.now();
  await h.as('bob').defer();
  const dave = h.as('dave', 'dave-session-2');
  for (let i = 0; i < 3; i++) await dave.verify(wrongCode(secret, Date.now(), 2));
  await h.service.admin.grantExemption(
    'erin',
    { reason: 'Parental leave', expiresAt: new Date(Date.now() + 30 * 86_400_000), adminId: 'carol' },
    (ids) => new Map(ids.map((id) => [id, h.facts.get(id)!])),
  );
  return h.store;
}
let made: Promise<TotpStore> | undefined;

/** A fresh copy of the users for one key, with its own service, mount and audit events. */
async function seeded(key: string): Promise<TotpAdminMount> {
  made ??= template();
  const source = await made;
  const store = memoryStore();
  for (const id of await source.listUserIds()) {
    const record = structuredClone(await source.getUser(id));
    await store.updateUser(id, () => ({ next: record!, result: null }));
  }
  const h = harness(store);
  return createTotpAdmin({
    service: h.service,
    basePath: `${PREFIX}${key}`,
    authorize: (request) => {
      const id = request.headers.get('x-admin');
      return id ? { adminId: id } : null;
    },
    facts: (ids) => new Map(ids.filter((id) => h.facts.has(id)).map((id) => [id, h.facts.get(id)!])),
    auditEvents: () => h.events,
  });
}

/** Answers `req` when its path is under /api/totp-admin-test/<key>/; false for anything else. */
export async function serveAdminTest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const match = /^\/api\/totp-admin-test\/([a-z0-9-]{1,40})\//.exec(req.url ?? '');
  if (!match) return false;
  const key = match[1]!;
  let mount = mounts.get(key);
  if (!mount) {
    mount = seeded(key);
    mounts.set(key, mount);
  }
  await (await mount).node(req, res);
  return true;
}

/** Serves the same mount on a loopback port (core's tests under Node); resolves with its origin. */
export function listenAdminTest(): Promise<string> {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      void serveAdminTest(req, res).then((served) => {
        if (!served) res.writeHead(404).end();
      });
    });
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    server.unref();
  });
}
