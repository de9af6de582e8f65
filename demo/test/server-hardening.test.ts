/**
 * The demo server as an attacker meets it, over real HTTP: no private file is served (S72),
 * every `/api/` answer is JSON without internals (S73), and bodies are capped, chunked or not
 * (S74). The data folder sits where `npm run demo` keeps it, under the Vite root in
 * `demo/.data/`, so the file server really could reach it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createDemoApi } from '../server/app.js';
import { startDemo, tempDatabase, type Demo } from './harness.js';
import { passwordSession, rawRequest, type RawAnswer } from './raw-http.js';

const DEMO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA_ROOT = join(DEMO_ROOT, '.data');
const JSON_TYPE = /^application\/json/;

/** An answer that gives nothing away: JSON (or no body), no HTML page, stack or path. */
function assertNoInternals(answer: RawAnswer, what: string): void {
  assert.doesNotMatch(
    answer.text,
    /<html|<!doctype|\n\s+at |node_modules|\/work\/|\/tmp\//i,
    `${what}: ${answer.text}`,
  );
  if (answer.text !== '') {
    assert.match(String(answer.headers['content-type']), JSON_TYPE, `${what}: content-type`);
    assert.ok(answer.json !== undefined, `${what}: the body is JSON`);
  }
}

/** Every way of writing a path we know of: encoded, double-encoded, case, `..`, `/@fs/`, queries. */
function variants(rel: string, abs: string): string[] {
  const enc = (s: string) => s.replace(/\./g, '%2e').replace(/\//g, '%2f');
  const base = [
    `/${rel}`,
    `/${rel.replace(/\./g, '%2e')}`,
    `/${enc(rel)}`,
    `/${rel.replace(/\./g, '%252e')}`,
    `/${rel.toUpperCase()}`,
    `/${rel.replace(/^./, (c) => c.toUpperCase())}`,
    `/src/../${rel}`,
    `/src/%2e%2e/${rel}`,
    `//${rel}`,
    `/./${rel}`,
    `/src%5c..%5c${rel}`,
    `/@fs${abs}`,
    `/@fs${abs.toUpperCase()}`,
    `/@fs/${enc(abs.slice(1))}`,
    `/@fs${join(DEMO_ROOT, 'src')}/../${rel}`,
    `/@id/${rel}`,
    `/api/../${rel}`,
  ];
  return base.flatMap((p) => [p, `${p}?raw`, `${p}?import`, `${p}?url`, `${p}?import&raw`, `${p}?inline`]);
}

describe('the demo server: private files, JSON-only API, capped bodies', () => {
  let dataDir: string;
  let demo: Demo;

  before(async () => {
    mkdirSync(DATA_ROOT, { recursive: true });
    dataDir = mkdtempSync(join(DATA_ROOT, 'e2e-'));
    demo = await startDemo(join(dataDir, 'demo.sqlite'));
    // Something in the database and its WAL: a session and its audit row.
    await passwordSession(demo.url, 'alice');
  });

  after(async () => {
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('S72 no file of the data folder, the key or the demo server sources is served, however the path is written', async () => {
    const key = readFileSync(join(dataDir, 'demo.sqlite.key'), 'utf8').trim();
    const targets = ['demo.sqlite', 'demo.sqlite-wal', 'demo.sqlite-shm', 'demo.sqlite.key']
      .map((f) => join(dataDir, f))
      .concat(['app.ts', 'http.ts', 'private-files.ts', 'vite-plugin.ts'].map((f) => join(DEMO_ROOT, 'server', f)));
    let probes = 0;
    for (const abs of targets) {
      for (const path of variants(relative(DEMO_ROOT, abs), abs)) {
        const answer = await rawRequest(demo.url, { path });
        probes++;
        assert.ok(answer.status === 404 || answer.status === 403, `${path} answered ${answer.status}`);
        assert.ok(!answer.text.includes('SQLite format 3'), `${path} served the database`);
        assert.ok(!answer.text.includes(key), `${path} served the key`);
        assert.doesNotMatch(answer.text, /createDemoApi|privateFilesGuard|readCappedBody/, `${path} served a source`);
      }
    }
    assert.ok(probes > 500, `${probes} probes`);
    // The page itself is still served, and the guard does not hide the page's own modules.
    assert.equal((await rawRequest(demo.url, { path: '/' })).status, 200);
    assert.equal((await rawRequest(demo.url, { path: '/src/main.ts' })).status, 200);
  });

  it('S73 TRACE, other methods, unknown routes and a locked database get JSON, never an HTML page or a stack', async () => {
    const routes = [
      '/api/me',
      '/api/login',
      '/api/logout',
      '/api/audit',
      '/api/notes',
      '/api/totp/status',
      '/api/nope',
    ];
    for (const path of routes) {
      for (const method of ['TRACE', 'PROPFIND', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'MKCOL']) {
        const answer = await rawRequest(demo.url, { method, path });
        assertNoInternals(answer, `${method} ${path}`);
        assert.ok([404, 405].includes(answer.status), `${method} ${path}: ${answer.status}`);
      }
    }
    for (const path of ['/api/%', '/api/%zz/../me', '/api/../../etc/passwd', '/api/totp/%', '/api/x?%']) {
      const answer = await rawRequest(demo.url, { path });
      assertNoInternals(answer, path);
      // `/api/%zz/../me` is `/api/me` once the dots are resolved: 401, signed out.
      assert.ok([401, 404].includes(answer.status), `${path}: ${answer.status}`);
    }
    // A request line Node cannot parse never reaches the demo: Node's bare 400, no page.
    const unparsed = await rawRequest(demo.url, { method: 'FOO', path: '/api/me' }).catch(() => null);
    if (unparsed) {
      assert.equal(unparsed.status, 400);
      assertNoInternals(unparsed, 'FOO /api/me');
    }

    // Another process holds the write lock on the demo's SQLite file.
    const cookie = await passwordSession(demo.url, 'bob');
    const holder = new Database(demo.dbPath);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      const busy = [
        await rawRequest(demo.url, {
          method: 'POST',
          path: '/api/login',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'carol', password: 'demo' }),
        }),
        await rawRequest(demo.url, { path: '/api/me', headers: { cookie } }),
      ];
      for (const answer of busy) {
        assertNoInternals(answer, 'locked database');
        assert.equal(answer.status, 503, answer.text);
        assert.equal(answer.headers['retry-after'], '1');
        assert.equal((answer.json as { error: { code: string } }).error.code, 'unavailable');
      }
      assert.ok(Date.now() - started < 3000, 'a short busy wait, not 5 s per request');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    assert.equal((await rawRequest(demo.url, { path: '/api/me', headers: { cookie } })).status, 200);
  });

  it('S74 a body past 4 KiB gets 413, chunked or not, and changes nothing; malformed JSON gets 400', async () => {
    const cookie = await passwordSession(demo.url, 'erin');
    const big = JSON.stringify({ username: 'erin', password: 'demo', pad: 'x'.repeat(70_000) });
    const post = (path: string, body: string, chunked: boolean) =>
      rawRequest(demo.url, {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', cookie },
        body,
        chunked,
        chunkSize: 8192,
      });
    for (const path of ['/api/login', '/api/logout', '/api/totp/defer', '/api/totp/verify', '/api/totp/enrollment']) {
      for (const chunked of [true, false]) {
        const answer = await post(path, big, chunked);
        assertNoInternals(answer, `70 kB to ${path}`);
        assert.equal(answer.status, 413, `${path} chunked=${chunked}: ${answer.text}`);
      }
      const malformed = await post(path, '{"username": "erin", ', true);
      assertNoInternals(malformed, `malformed to ${path}`);
      assert.equal(malformed.status, 400, `${path}: ${malformed.text}`);
    }
    // Nothing changed: erin was not deferred, her session was not ended.
    const status = await rawRequest(demo.url, { path: '/api/totp/status', headers: { cookie } });
    assert.equal(status.status, 200);
    assert.notEqual((status.json as { state: string }).state, 'deferred', status.text);
    assert.equal((await rawRequest(demo.url, { path: '/api/me', headers: { cookie } })).status, 200);
    // Exactly at the limit is still read.
    const exact = JSON.stringify({ username: 'nobody', password: 'x', pad: '' });
    const padded = exact.replace('"pad":""', `"pad":"${'x'.repeat(4096 - exact.length)}"`);
    assert.equal(Buffer.byteLength(padded), 4096);
    assert.equal((await post('/api/login', padded, true)).status, 401);
  });

  it('S73 an error a route throws is a JSON 500 with no message, stack or path in it', async () => {
    const db = tempDatabase();
    const api = createDemoApi({ dbPath: db.path, quiet: true });
    api.close(); // every statement now throws "The database connection is not open"
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const response = await api.fetch(
        new Request('http://localhost/api/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'alice', password: 'demo' }),
        }),
      );
      assert.ok(response);
      assert.equal(response.status, 500);
      const text = await response.text();
      assert.deepEqual(JSON.parse(text), {
        error: { code: 'internal', message: 'Something went wrong on the server.' },
      });
      assert.match(String(logged[0]), /not open/, 'the reason goes to the console only');
    } finally {
      console.error = original;
      db.remove();
    }
  });
});
