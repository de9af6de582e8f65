/**
 * The side of a benchmarked server that talks to the bench: it listens on 127.0.0.1 (a free
 * port), tells the parent the port over IPC, and answers `cpu` with `process.cpuUsage()` so the
 * bench can charge the server's own CPU time to the requests it served.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a server child sends the bench. */
export type ChildMessage = { type: 'ready'; port: number } | { type: 'cpu'; micros: number };

/** Starts `server` and serves the bench's requests until it disconnects. */
export function serveForBench(server: Server): void {
  if (!process.send) throw new Error('start this file with child_process.fork');
  server.listen(0, '127.0.0.1', () => {
    process.send!({ type: 'ready', port: (server.address() as AddressInfo).port } satisfies ChildMessage);
  });
  process.on('message', (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send!({ type: 'cpu', micros: user + system } satisfies ChildMessage);
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** The `sid` cookie's value (the bench's stand-in for a host's session), or null. */
export function sessionOf(cookie: string | null | undefined): string | null {
  if (!cookie) return null;
  const start = cookie.indexOf('sid=');
  if (start < 0) return null;
  const end = cookie.indexOf(';', start);
  return cookie.slice(start + 4, end < 0 ? cookie.length : end);
}
