// `npm run docs -- --port N` serves the docs on port N (npm used to swallow the flag).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../packages/server/src/test/servers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

it('npm run docs -- --port N serves the site on port N', async () => {
  const port = await freePort();
  // Its own process group, so the dev server npm starts stops with it.
  const child = spawn('npm', ['run', 'docs', '--', '--port', String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    // VitePress prints its address once it listens; a page request would only add compile time.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.exitCode === null && !output.includes(`localhost:${port}/`)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(output, new RegExp(`Local:\\s+http://localhost:${port}/`), `not listening on ${port}:\n${output}`);
    const socket = await new Promise<boolean>((resolve) => {
      const s = connect(port, 'localhost', () => resolve(true)).once('error', () => resolve(false));
      s.unref();
      setTimeout(() => s.destroy(), 1000);
    });
    assert.ok(socket, `nothing accepts connections on ${port}`);
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
  }
});
