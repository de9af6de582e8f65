/**
 * Throw-away PostgreSQL and Redis servers for the tests: a temporary directory, a free loopback
 * port, stopped (and the directory removed) after the test file, or when the process exits.
 *
 * PostgreSQL refuses to run as root, so as root `initdb` and `pg_ctl` run as the `postgres`
 * user (`runuser -u postgres --`) on a data directory that user owns. Where a server binary is
 * missing the start functions return a reason to skip, and the tests say so; when `CI` is set a
 * missing server is an error instead, so CI can never pass without running them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running server: where to connect, and how to stop it. */
export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Either a running server or why there is none (never both). */
export type Started = { server: RunningServer; skip?: undefined } | { server?: undefined; skip: string };

/** A free TCP port on 127.0.0.1 (free when asked; the server start retries if it is taken meanwhile). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Turns a missing binary into a skip locally and into a failure when `CI` is set. */
function missing(what: string, hint: string): Started {
  const message = `${what} is not installed (${hint}); these tests need a real server`;
  if (process.env.CI) throw new Error(`${message}, and CI must run them.`);
  console.warn(`SKIP: ${message}.`);
  return { skip: message };
}

/** The newest PostgreSQL server binaries Debian installed (`/usr/lib/postgresql/<major>/bin`). */
function postgresBin(): string | null {
  if (process.env.TOTP_TEST_PG_BIN) return process.env.TOTP_TEST_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length ? join(root, majors[0]!, 'bin') : null;
}

function run(command: string[], asUser: string | null): { status: number | null; output: string } {
  const argv = asUser ? ['runuser', '-u', asUser, '--', ...command] : command;
  const result = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 60_000 });
  return {
    status: result.status,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`,
  };
}

function idOf(user: string, flag: '-u' | '-g'): number {
  const result = spawnSync('id', [flag, user], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`Running PostgreSQL as root needs a "${user}" user: ${result.stderr}`);
  return Number(result.stdout.trim());
}

/** Starts a PostgreSQL server in a temporary directory; `url` connects as `postgres` (trust). */
export async function startPostgres(): Promise<Started> {
  const bin = postgresBin();
  if (bin === null) return missing('PostgreSQL', 'apt-get install postgresql');
  const asUser = process.getuid?.() === 0 ? 'postgres' : null;
  const dir = mkdtempSync(join(tmpdir(), 'totp-pg-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  mkdirSync(sockets);
  if (asUser) for (const path of [dir, sockets]) chownSync(path, idOf(asUser, '-u'), idOf(asUser, '-g'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const init = run(
    [join(bin, 'initdb'), '-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
    asUser,
  );
  if (init.status !== 0) {
    remove();
    throw new Error(`initdb failed: ${init.output}`);
  }
  const pgCtl = (...args: string[]) => run([join(bin, 'pg_ctl'), '-D', data, ...args], asUser);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    const started = pgCtl('-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start');
    if (started.status === 0) {
      let stopped = false;
      const stopNow = () => {
        if (stopped) return;
        stopped = true;
        pgCtl('-m', 'immediate', '-w', 'stop');
        remove();
      };
      process.once('exit', stopNow);
      return {
        server: {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          async stop() {
            process.removeListener('exit', stopNow);
            stopNow();
          },
        },
      };
    }
    if (attempt === 3) {
      remove();
      throw new Error(`PostgreSQL did not start: ${started.output}`);
    }
  }
}

function redisBin(): string | null {
  if (process.env.TOTP_TEST_REDIS_BIN) return process.env.TOTP_TEST_REDIS_BIN;
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** Starts redis-server (AOF on, no RDB snapshots) in a temporary directory. */
export async function startRedis(): Promise<Started> {
  const bin = redisBin();
  if (bin === null) return missing('redis-server', 'apt-get install redis-server');
  const dir = mkdtempSync(join(tmpdir(), 'totp-redis-'));
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'];
    const child: ChildProcess = spawn(bin, [...args, '--daemonize', 'no'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let exited = false;
    child.once('exit', () => (exited = true));
    const deadline = Date.now() + 20_000;
    while (!exited && Date.now() < deadline && !(await answersPing(port))) await new Promise((r) => setTimeout(r, 50));
    if (!exited && Date.now() < deadline) {
      const kill = () => child.kill('SIGKILL');
      process.once('exit', kill);
      return {
        server: {
          url: `redis://127.0.0.1:${port}`,
          async stop() {
            process.removeListener('exit', kill);
            if (child.exitCode === null) {
              const gone = new Promise((resolve) => child.once('exit', resolve));
              child.kill('SIGTERM');
              await gone;
            }
            rmSync(dir, { recursive: true, force: true });
          },
        },
      };
    }
    child.kill('SIGKILL');
    if (attempt === 3) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start on port ${port}`);
    }
  }
}
