/**
 * Remember this device (S58), tested as attacks: a cookie value stolen from another user, a
 * tampered token, an expired device, a revoked one, and one replayed after an authenticator was
 * removed, after "sign out other devices" and after an administrator's reset. Off by default.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryStore, type TotpStore } from './index.js';
import { resolveDeviceCookie } from './device-cookie.js';
import {
  STEP,
  STORE_KINDS,
  TRANSPORTS,
  codeAt,
  enrolled,
  makeHarness,
  wrongCode,
  type Harness,
} from './test/harness.js';

const DAY = 86_400_000;
const POLICY = { rememberDevice: { enabled: true, maxAgeSeconds: 7 * 86_400 } };
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

/** Requests as one browser: a user, a session, and the cookie jar's one device cookie. */
function browser(h: Harness, userId: string, sessionId: string, cookie: string | null = null) {
  const headers = () => ({
    'content-type': 'application/json',
    'user-agent': FIREFOX,
    ...(cookie === null ? {} : { cookie: `theme=dark; ${cookie}` }),
  });
  const post = (path: string, body: unknown = {}) =>
    h.request(path, {
      method: 'POST',
      user: userId,
      session: sessionId,
      headers: headers(),
      body: JSON.stringify(body),
    });
  return {
    status: () => h.request('/status', { user: userId, session: sessionId, headers: headers() }),
    verify: (code: string, rememberDevice?: unknown) =>
      post('/verify', rememberDevice === undefined ? { code } : { code, rememberDevice }),
    devices: () => h.request('/devices', { user: userId, session: sessionId, headers: headers() }),
    revoke: (id: unknown) => post('/devices/revoke', { id }),
    signOutOthers: () => post('/sign-out-others'),
    addFactor: (name: string) => post('/factors', { name }),
    removeFactor: (id: string) => post('/factors/remove', { id }),
    async guard() {
      const request = new Request('http://host.test/app', {
        headers: { 'x-test-user': userId, 'x-test-session': sessionId, ...headers() },
      });
      return h.service.guard(request);
    },
  };
}

/** The `name=value` of the device cookie in an answer, and the full Set-Cookie line. */
function deviceCookieOf(reply: { headers: Headers }): { pair: string; line: string } {
  const line = reply.headers.getSetCookie().find((c) => c.includes('totp-device='));
  assert.ok(line, 'a device cookie was set');
  return { pair: line.split(';')[0]!, line };
}

/** Alice enrolled, then signed in again in a second session, ticking "Don't ask again". */
async function remembered(h: Harness, userId = 'alice') {
  const { secret } = await enrolled(h, userId);
  h.clock.now += STEP;
  const signIn = browser(h, userId, `${userId}-laptop-1`);
  const answer = await signIn.verify(codeAt(secret, h.clock.now), true);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return { secret, cookie: deviceCookieOf(answer) };
}

describe('S58 remember this device', () => {
  it('S58 is off by default: the box is not offered and ticking it anyway sets no cookie', async () => {
    const h = makeHarness(memoryStore());
    const { secret } = await enrolled(h, 'alice');
    h.clock.now += STEP;
    const tab = browser(h, 'alice', 'alice-2');
    assert.equal('rememberDays' in (await tab.status()).body, false);
    const answer = await tab.verify(codeAt(secret, h.clock.now), true);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.headers.getSetCookie(), []);
    assert.deepEqual((await tab.devices()).body, { devices: [], rememberDays: null });
  });

  for (const via of TRANSPORTS) {
    it(`S58 (${via}) a later sign-in in the same browser skips the code; the cookie is HttpOnly, Secure, SameSite=Strict, __Host-`, async () => {
      const h = makeHarness(memoryStore(), { policy: POLICY, via });
      const { cookie } = await remembered(h);
      assert.match(
        cookie.line,
        /^__Host-totp-device=[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
      );
      // The next day, a new first-factor session in that browser.
      h.clock.now += DAY;
      const next = browser(h, 'alice', 'alice-laptop-2', cookie.pair);
      assert.equal(await next.guard(), null, 'the guard lets a remembered device through');
      const status = await next.status();
      assert.equal(status.body.state, 'verified');
      assert.equal(status.body.rememberDays, 7);
      assert.ok(h.events.some((e) => e.type === 'device-recognised' && e.sessionId === 'alice-laptop-2'));
      const list = await next.devices();
      assert.equal(list.status, 200);
      assert.equal(list.body.devices.length, 1);
      assert.deepEqual(
        { label: list.body.devices[0].label, current: list.body.devices[0].current },
        { label: 'Firefox on Linux', current: true },
      );
      // Entering no code is no step-up: adding an authenticator still needs a fresh one.
      assert.equal((await next.addFactor('Tablet')).body.error.code, 'step-up-required');
      // Without the cookie the same user in another session is asked for a code.
      assert.equal((await browser(h, 'alice', 'alice-phone-1').status()).body.state, 'challenge-required');
    });
  }

  it('S58 the token is stored only as a hash: no record, answer body or audit event holds it', async () => {
    const store = memoryStore();
    const h = makeHarness(store, { policy: POLICY });
    const { cookie } = await remembered(h);
    const token = cookie.pair.split('.')[1]!;
    const record = JSON.stringify(await store.getUser('alice'));
    assert.ok(record.includes('"devices"'));
    assert.equal(record.includes(token), false);
    assert.equal(
      h.bodies.some((b) => b.includes(token)),
      false,
    );
    assert.equal(JSON.stringify(h.events).includes(token), false);
  });

  it("S58 attack: another user's stolen cookie value opens nothing for them", async () => {
    const h = makeHarness(memoryStore(), { policy: POLICY });
    const { cookie } = await remembered(h, 'alice');
    await enrolled(h, 'mallory');
    const thief = browser(h, 'mallory', 'mallory-2', cookie.pair);
    assert.notEqual(await thief.guard(), null);
    assert.equal((await thief.status()).body.state, 'challenge-required');
    assert.equal(
      h.events.some((e) => e.type === 'device-recognised'),
      false,
    );
  });

  it('S58 attack: a forged token with a real device id, a cookie sent twice, a malformed value', async () => {
    const h = makeHarness(memoryStore(), { policy: POLICY });
    const { cookie } = await remembered(h);
    const [name, value] = cookie.pair.split('=') as [string, string];
    const [id, token] = value.split('.') as [string, string];
    const forged = `${id}.${token.startsWith('A') ? 'B' : 'A'}${token.slice(1)}`;
    for (const sent of [`${name}=${forged}`, `${cookie.pair}; ${cookie.pair}`, `${name}=${id}`, `${name}=${value}x`]) {
      assert.equal((await browser(h, 'alice', 'alice-other', sent).status()).body.state, 'challenge-required', sent);
    }
    // A wrong code counts as a failure but forgets no device; the real cookie still works.
    const { secret } = { secret: (await h.store.getUser('alice'))!.factors![0]!.secret.slice('plain:'.length) };
    assert.equal((await browser(h, 'alice', 'alice-other').verify(wrongCode(secret, h.clock.now))).status, 400);
    assert.equal((await browser(h, 'alice', 'alice-next', cookie.pair).status()).body.state, 'verified');
  });

  it('S58 attack: an expired device is asked for a code, from the very millisecond it expires', async () => {
    const h = makeHarness(memoryStore(), { policy: POLICY });
    const started = h.clock.now;
    const { cookie } = await remembered(h);
    h.clock.now = started + STEP + 7 * DAY - 1;
    assert.equal((await browser(h, 'alice', 'alice-a', cookie.pair).status()).body.state, 'verified');
    h.clock.now = started + STEP + 7 * DAY;
    assert.equal((await browser(h, 'alice', 'alice-b', cookie.pair).status()).body.state, 'challenge-required');
  });

  it('S58 attack: a revoked device is asked for a code; revoking this browser clears its cookie', async () => {
    const h = makeHarness(memoryStore(), { policy: POLICY });
    const { cookie } = await remembered(h);
    const laptop = browser(h, 'alice', 'alice-laptop-1', cookie.pair);
    const id = (await laptop.devices()).body.devices[0].id;
    assert.equal((await laptop.revoke('no-such-device')).body.error.code, 'unknown-id');
    assert.equal((await laptop.revoke(42)).status, 400);
    const revoked = await laptop.revoke(id);
    assert.equal(revoked.status, 200);
    assert.deepEqual(revoked.body, { devices: [], rememberDays: 7 });
    assert.match(revoked.headers.getSetCookie()[0]!, /^__Host-totp-device=; Max-Age=0;/);
    assert.ok(h.events.some((e) => e.type === 'device-revoked' && e.deviceId === id));
    assert.equal((await browser(h, 'alice', 'alice-laptop-2', cookie.pair).status()).body.state, 'challenge-required');
    assert.equal((await laptop.revoke(id)).body.error.code, 'unknown-id');
  });

  it('S58 attack: a cookie replayed after an authenticator was removed opens nothing', async () => {
    const h = makeHarness(memoryStore(), { policy: POLICY });
    const { secret, cookie } = await remembered(h);
    const laptop = browser(h, 'alice', 'alice-laptop-1', cookie.pair);
    // A second authenticator, then the first one removed (both need a fresh code: this session has one).
    const added = await laptop.addFactor('Tablet');
    assert.equal(added.status, 200, JSON.stringify(added.body));
    h.clock.now += STEP;
    const confirm = await h.post('/factors/confirm', 'alice', 'alice-laptop-1', {
      code: codeAt(added.body.secret, h.clock.now),
    });
    assert.equal(confirm.status, 200);
    const first = confirm.body.factors[0].id;
    assert.equal((await laptop.removeFactor(first)).status, 200);
    assert.deepEqual((await laptop.devices()).body.devices, []);
    assert.equal((await browser(h, 'alice', 'alice-laptop-2', cookie.pair).status()).body.state, 'challenge-required');
    assert.ok(secret);
  });

  it('S58 attack: a cookie replayed after "sign out other devices" opens nothing; the count says one', async () => {
    const h = makeHarness(memoryStore(), { policy: POLICY });
    const { cookie } = await remembered(h);
    const out = await browser(h, 'alice', 'alice-laptop-1', cookie.pair).signOutOthers();
    assert.deepEqual(out.body, { devicesRevoked: 1 });
    assert.match(out.headers.getSetCookie()[0]!, /Max-Age=0/);
    assert.equal((await browser(h, 'alice', 'alice-laptop-2', cookie.pair).status()).body.state, 'challenge-required');
  });

  it("S58 attack: a cookie replayed after an administrator's reset and a new enrollment opens nothing", async () => {
    const h = makeHarness(memoryStore(), { policy: POLICY });
    const { cookie } = await remembered(h);
    await h.service.admin.reset('alice', { reason: 'Lost phone, identity checked', adminId: 'admin-1' });
    await enrolled(h, 'alice', 'alice-fresh');
    assert.equal((await browser(h, 'alice', 'alice-laptop-2', cookie.pair).status()).body.state, 'challenge-required');
  });

  it('S58 a cookie from while the policy offered it counts for nothing once the policy stops offering it', async () => {
    const store = memoryStore();
    const on = makeHarness(store, { policy: POLICY });
    const { cookie } = await remembered(on);
    const off = makeHarness(store);
    off.clock.now = on.clock.now;
    const later = browser(off, 'alice', 'alice-laptop-2', cookie.pair);
    assert.equal((await later.status()).body.state, 'challenge-required');
    assert.notEqual(await later.guard(), null);
  });

  it('S58 rememberDevice must be a boolean: anything else is a bad request and counts no failure', async () => {
    const h = makeHarness(memoryStore(), { policy: POLICY });
    const { secret } = await enrolled(h, 'alice');
    h.clock.now += STEP;
    const tab = browser(h, 'alice', 'alice-2');
    const refused = await tab.verify(codeAt(secret, h.clock.now), 'yes');
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'bad-request');
    assert.equal((await tab.status()).body.attemptsLeft, 5);
    assert.equal((await tab.verify(codeAt(secret, h.clock.now), false)).status, 200);
  });

  it('S58 each browser gets its own device; remembering again keeps at most 20', async () => {
    const h = makeHarness(memoryStore(), { policy: POLICY });
    const { secret } = await enrolled(h, 'alice');
    const cookies = new Set<string>();
    for (let i = 0; i < 22; i++) {
      h.clock.now += STEP;
      const answer = await browser(h, 'alice', `alice-${i}`).verify(codeAt(secret, h.clock.now), true);
      cookies.add(deviceCookieOf(answer).pair);
    }
    assert.equal(cookies.size, 22);
    const list = (await browser(h, 'alice', 'alice-21').devices()).body.devices;
    assert.equal(list.length, 20);
    // The two oldest were forgotten.
    const [oldest] = [...cookies];
    assert.equal((await browser(h, 'alice', 'alice-x', oldest!).status()).body.state, 'challenge-required');
  });

  for (const kind of STORE_KINDS) {
    it(`S58 with ${kind.name}: the device record survives the store and a replay after removal fails`, async () => {
      const made = kind.make();
      try {
        const h = makeHarness(made.store as TotpStore, { policy: POLICY });
        const { cookie } = await remembered(h);
        assert.equal((await browser(h, 'alice', 'alice-s2', cookie.pair).status()).body.state, 'verified');
        await browser(h, 'alice', 'alice-laptop-1').signOutOthers();
        assert.equal((await browser(h, 'alice', 'alice-s3', cookie.pair).status()).body.state, 'challenge-required');
      } finally {
        made.cleanup();
      }
    });
  }
});

describe('S58 device cookie options', () => {
  it('S58 secure: false (http://localhost only) drops Secure and the __Host- prefix; bad options throw', () => {
    assert.deepEqual(resolveDeviceCookie({ secure: false }), {
      name: 'totp-device',
      attributes: '; Path=/; HttpOnly; SameSite=Strict',
    });
    assert.equal(resolveDeviceCookie({ sameSite: 'Lax', path: '/app' }).name, 'totp-device');
    assert.throws(() => resolveDeviceCookie({ name: 'a b' }), /deviceCookie.name/);
    assert.throws(() => resolveDeviceCookie({ name: '__Host-x', path: '/app' }), /__Host-/);
    assert.throws(() => resolveDeviceCookie({ path: '/x; Domain=evil.test' }), /deviceCookie.path/);
    assert.throws(() => resolveDeviceCookie({ sameSite: 'None' as 'Lax' }), /sameSite/);
    assert.throws(() => resolveDeviceCookie({ secure: 'no' as unknown as boolean }), /secure/);
  });
});
