// The getting-started app (docs/examples/app) as it stands: `node server.js` starts, and over
// HTTP it signs in, refuses the protected route until the second factor passed, signs out, and
// a signed-out session id no longer counts. It refuses to start without TOTP_KEY, saying how to
// make one. The same app, installed from tarballs and driven in Chromium, is the install test.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { totp } from '@totp-gate/core/otp';
import { startApp, type RunningApp } from './start-app.js';

const APP = fileURLToPath(new URL('../examples/app/', import.meta.url));

describe('getting-started app (docs/examples/app)', () => {
  let app: RunningApp;

  before(async () => {
    app = await startApp(APP, { TOTP_KEY: randomBytes(32).toString('base64') });
  });
  after(async () => {
    await app?.stop();
  });

  /** A browser's same-origin fetch with the session cookie. */
  function call(path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) {
    const headers: Record<string, string> = { origin: app.url, 'sec-fetch-site': 'same-origin' };
    if (init.cookie) headers.cookie = init.cookie;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${app.url}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  }

  it('signs in, guards the notes until TOTP passed, signs out, and forgets the session', async () => {
    assert.equal((await call('/api/notes')).status, 401, 'not signed in');
    assert.equal((await call('/session')).status, 401);
    const wrong = await call('/login', { method: 'POST', body: { username: 'alice', password: 'wrong' } });
    assert.equal(wrong.status, 401);

    const login = await call('/login', { method: 'POST', body: { username: 'alice', password: 'correct horse' } });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    assert.match(cookie, /^sid=[\w-]{32}$/);
    assert.deepEqual(await (await call('/session', { cookie })).json(), { account: 'alice@example.com' });

    const before = await call('/api/notes', { cookie });
    assert.equal(before.status, 403, 'password only: the guard refuses');
    assert.equal(((await before.json()) as any).error.code, 'totp-required');

    const status = (await (await call('/api/totp/status', { cookie })).json()) as any;
    assert.equal(status.state, 'enrollment-required');
    const enrollment = (await (await call('/api/totp/enrollment', { method: 'POST', body: {}, cookie })).json()) as any;
    const confirm = await call('/api/totp/enrollment/confirm', {
      method: 'POST',
      body: { code: totp(enrollment.secret, Date.now()) },
      cookie,
    });
    assert.equal(confirm.status, 200, await confirm.clone().text());
    const notes = await call('/api/notes', { cookie });
    assert.equal(notes.status, 200);
    assert.equal(((await notes.json()) as any).notes.length, 1);

    const logout = await call('/logout', { method: 'POST', body: {}, cookie });
    assert.equal(logout.status, 200);
    assert.match(logout.headers.get('set-cookie')!, /Max-Age=0/);
    assert.equal((await call('/api/notes', { cookie })).status, 401, 'the old cookie is signed out');
    assert.equal((await call('/api/totp/status', { cookie })).status, 401);

    // The page is served too (built by `npm run test:recipes`, which runs first in `test:docs`).
    assert.ok(app.built, 'docs/examples/app/dist is built: run npm run test:recipes first');
    assert.match(await (await call('/')).text(), /<template id="app">/);
  });

  it('without TOTP_KEY it does not start, and says how to make a key', async () => {
    const child = spawn(process.execPath, ['server.js'], {
      cwd: APP,
      env: { ...process.env, TOTP_KEY: '', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.notEqual(code, 0);
    assert.match(stderr, /EncryptionKeyError: TOTP_KEY is not set\./);
    assert.match(stderr, /randomBytes\(32\)\.toString\('base64'\)/);
  });
});
