// Starts an app's `node server.js` on a free port and waits for it to listen: the getting-started
// app in the docs tests and, installed from tarballs, in the install test.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../packages/server/src/test/servers.js';

export interface RunningApp {
  url: string;
  /** Whether the page was built (dist/index.html), which the server serves. */
  built: boolean;
  output(): string;
  stop(): Promise<void>;
}

/** `node server.js` in `dir` with `env` added and PORT set; resolves once it prints "Listening on". */
export async function startApp(dir: string, env: Record<string, string>, timeoutMs = 30_000): Promise<RunningApp> {
  const port = await freePort();
  const child = spawn(process.execPath, ['server.js'], {
    cwd: dir,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server.js did not listen within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server.js exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    url: `http://localhost:${port}`,
    built: existsSync(join(dir, 'dist', 'index.html')),
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
