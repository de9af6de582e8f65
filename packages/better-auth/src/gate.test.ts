// Way 1 against the real better-auth in this process: better-auth signs people in (SQLite on
// better-sqlite3), TOTP Gate is the mandatory second factor in front of a protected route.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { totp } from '@totp-gate/core/otp';
import { admin, organization } from 'better-auth/plugins';
import { memoryStore } from '@totp-gate/server';
import { createAuth, createWay1App, STEP, type Client } from './test/app.js';
import { createBetterAuthTotpGate } from './gate.js';

type App = Awaited<ReturnType<typeof createWay1App>>;
const apps: App[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.close();
});
async function app(...args: Parameters<typeof createWay1App>) {
  const made = await createWay1App(...args);
  apps.push(made);
  return made;
}

let users = 0;
/** A new better-auth user, signed in on a new client. */
async function signedUp(a: App): Promise<{ client: Client; email: string }> {
  const email = `user${++users}@example.com`;
  const client = a.client();
  assert.equal((await client.signUp(email)).status, 200);
  return { client, email };
}

/** Enrolls the client's user; returns the secret's enrollment. */
async function enroll(a: App, client: Client) {
  const enrollment = (await client.fetch('/api/totp/enrollment', { body: {} })).body;
  const confirm = await client.fetch('/api/totp/enrollment/confirm', {
    body: { code: totp(enrollment.secret, a.clock.now, enrollment) },
  });
  assert.equal(confirm.status, 200, JSON.stringify(confirm.body));
  return { enrollment, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

describe('createBetterAuthTotpGate (better-auth signs in, TOTP Gate is the second factor)', () => {
  it('S23 a better-auth session without TOTP gets 403 totp-required from a protected route; signed out gets 401', async () => {
    const a = await app();
    const anonymous = a.client();
    const denied = await anonymous.fetch('/api/notes');
    assert.equal(denied.status, 401);
    assert.equal(denied.body.error.code, 'unauthenticated');
    const { client } = await signedUp(a);
    const blocked = await client.fetch('/api/notes');
    assert.equal(blocked.status, 403);
    assert.deepEqual(
      { code: blocked.body.error.code, state: blocked.body.error.state },
      { code: 'totp-required', state: 'enrollment-required' },
    );
    assert.equal(blocked.headers.get('cache-control'), 'no-store');
    assert.equal(JSON.stringify(blocked.body).includes('protected data'), false);
  });

  it('identifies the better-auth user by id, session id and e-mail; status names the account', async () => {
    const a = await app();
    const { client, email } = await signedUp(a);
    const status = await client.fetch('/api/totp/status');
    assert.equal(status.status, 200);
    assert.deepEqual(
      { state: status.body.state, account: status.body.account, issuer: status.body.issuer },
      { state: 'enrollment-required', account: email, issuer: 'Acme Portal' },
    );
    const session = await a.auth.api.getSession({ headers: new Headers({ cookie: cookieOf(client) }) });
    const enrollment = await client.fetch('/api/totp/enrollment', { body: {} });
    assert.equal(enrollment.body.account, email);
    assert.ok(session);
    const pending = await a.store.getUser(session.user.id);
    assert.ok(pending, 'the TOTP record is keyed by the better-auth user id');
  });

  it('S28 enrolling opens the protected route and rotates the better-auth session (the old token is dead)', async () => {
    const a = await app();
    const { client } = await signedUp(a);
    const before = cookieOf(client);
    const oldSession = await a.auth.api.getSession({ headers: new Headers({ cookie: before }) });
    assert.ok(oldSession);
    const { recoveryCodes } = await enroll(a, client);
    assert.equal(recoveryCodes.length, 10);
    const after = cookieOf(client);
    assert.notEqual(after, before, 'the confirm answer set a new session cookie');
    const newSession = await a.auth.api.getSession({ headers: new Headers({ cookie: after }) });
    assert.ok(newSession);
    assert.notEqual(newSession.session.id, oldSession.session.id);
    assert.equal(newSession.user.id, oldSession.user.id);
    assert.equal(await a.auth.api.getSession({ headers: new Headers({ cookie: before }) }), null);
    const notes = await client.fetch('/api/notes');
    assert.equal(notes.status, 200);
    assert.deepEqual(notes.body, { notes: ['the protected data'] });
    // The verified mark moved to the new session: the old id carries nothing.
    assert.equal(await a.store.getSession(oldSession.session.id), null);
    // A stolen pre-TOTP cookie is worth nothing now.
    const thief = a.client();
    for (const pair of before.split('; ')) {
      const [name, value] = pair.split('=') as [string, string];
      thief.cookies.set(name, value);
    }
    assert.equal((await thief.fetch('/api/notes')).status, 401);
  });

  it('S13 a code accepted once is refused in a new better-auth session', async () => {
    const a = await app();
    const { client, email } = await signedUp(a);
    const { enrollment } = await enroll(a, client);
    const used = totp(enrollment.secret, a.clock.now, enrollment);
    const other = a.client();
    assert.equal((await other.signIn(email)).status, 200);
    assert.equal((await other.fetch('/api/notes')).status, 403, 'a new sign-in must pass a challenge');
    const replay = await other.fetch('/api/totp/verify', { body: { code: used } });
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error.code, 'code-reused');
    assert.equal((await other.fetch('/api/notes')).status, 403);
    a.clock.now += STEP;
    const fresh = await other.fetch('/api/totp/verify', {
      body: { code: totp(enrollment.secret, a.clock.now, enrollment) },
    });
    assert.equal(fresh.status, 200);
    assert.equal((await other.fetch('/api/notes')).status, 200);
  });

  it('S20 wrong codes lock the account across better-auth sessions; a correct password does not unlock it', async () => {
    const a = await app();
    const { client, email } = await signedUp(a);
    const { enrollment } = await enroll(a, client);
    const right = totp(enrollment.secret, a.clock.now + STEP, enrollment);
    const wrong = right === '000000' ? '111111' : '000000';
    const attacker = a.client();
    await attacker.signIn(email);
    let last;
    for (let i = 0; i < 5; i++) last = await attacker.fetch('/api/totp/verify', { body: { code: wrong } });
    assert.equal(last!.status, 429);
    assert.equal(last!.body.error.code, 'locked');
    await attacker.signOut();
    const again = a.client();
    assert.equal((await again.signIn(email)).status, 200);
    const status = await again.fetch('/api/totp/status');
    assert.equal(status.body.state, 'locked');
    const refused = await again.fetch('/api/totp/verify', { body: { code: right } });
    assert.equal(refused.body.error.code, 'locked');
    assert.equal((await again.fetch('/api/notes')).status, 403);
  });

  it('S30 a recovery code opens a new better-auth session once', async () => {
    const a = await app();
    const { client, email } = await signedUp(a);
    const { recoveryCodes } = await enroll(a, client);
    const other = a.client();
    await other.signIn(email);
    const redeemed = await other.fetch('/api/totp/recovery', { body: { code: recoveryCodes[0] } });
    assert.equal(redeemed.status, 200);
    assert.equal(redeemed.body.recoveryCodesLeft, 9);
    assert.equal((await other.fetch('/api/notes')).status, 200);
    const third = a.client();
    await third.signIn(email);
    const reused = await third.fetch('/api/totp/recovery', { body: { code: recoveryCodes[0] } });
    assert.equal(reused.status, 400);
    assert.equal((await third.fetch('/api/notes')).status, 403);
  });

  it('signing out with better-auth ends access; signing in again asks for a code', async () => {
    const a = await app();
    const { client, email } = await signedUp(a);
    await enroll(a, client);
    assert.equal((await client.fetch('/api/notes')).status, 200);
    assert.equal((await client.signOut()).status, 200);
    assert.equal((await client.fetch('/api/notes')).status, 401);
    await client.signIn(email);
    assert.equal((await client.fetch('/api/totp/status')).body.state, 'challenge-required');
  });

  it('S31 roles come from the admin plugin: requiredRoles and role exemptions see them', async () => {
    const a = await app(
      { policy: { requiredRoles: ['admin', 'user'], exemptions: [{ role: 'kiosk', reason: 'shared terminal' }] } },
      [admin()],
    );
    const { client } = await signedUp(a);
    assert.equal((await client.fetch('/api/notes')).status, 403, 'role "user" (the admin plugin default) is covered');
    const { client: kiosk } = await signedUp(a);
    const session = await a.auth.api.getSession({ headers: new Headers({ cookie: cookieOf(kiosk) }) });
    const context = await a.auth.$context;
    await context.internalAdapter.updateUser(session!.user.id, { role: 'user,kiosk' });
    const open = await kiosk.fetch('/api/notes');
    assert.equal(open.status, 200, 'the kiosk role exemption applies');
    assert.equal((await kiosk.fetch('/api/totp/status')).body.state, 'exempt');
  });

  it("roles from the organization plugin are the active organization's, as org:<role>", async () => {
    const a = await app(
      { policy: { requiredRoles: ['org:owner'], exemptions: [{ role: 'owner', reason: 'must never match' }] } },
      [organization()],
    );
    const { client } = await signedUp(a);
    assert.equal((await client.fetch('/api/notes')).status, 200, 'not an owner of anything: not covered');
    const created = await client.fetch('/api/auth/organization/create', { body: { name: 'Own Org', slug: 'own-org' } });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const blocked = await client.fetch('/api/notes');
    assert.equal(blocked.status, 403, 'owner of the active organization: TOTP required');
    assert.equal(blocked.body.error.state, 'enrollment-required', 'a plain "owner" role exemption does not apply');
  });

  it('S28 refuses to start without the totpGateSession() plugin, which rotates sessions', async () => {
    const made = await createAuth([]);
    try {
      assert.throws(
        () => createBetterAuthTotpGate({ auth: made.auth, store: memoryStore(), issuer: 'Acme' }),
        /totpGateSession\(\)/,
      );
    } finally {
      made.close();
    }
  });
});

function cookieOf(client: Client): string {
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}
