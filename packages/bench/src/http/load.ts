/**
 * One measured run against one server: autocannon on 127.0.0.1 with `connections` connections,
 * bounded by a number of requests and a time limit, each request the cursor's code (wrong, or
 * right) for the next user in line (so a user receives a wrong code only every `users` requests,
 * and the bench plans the total to stay under the lockout threshold, and each right code once). The server's CPU time is read from its process
 * before and after.
 */
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import type { HttpRun } from '../types.js';
import type { ChildMessage } from './child.js';

/** Which user the next request is for, shared by every run against one server. */
export interface UserCursor {
  next: number;
  readonly users: number;
  /** The code sent for each user, index = user number. */
  readonly codes: readonly string[];
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage) => {
      if (message.type !== 'cpu') return;
      child.off('message', onMessage);
      resolve(message.micros);
    };
    child.on('message', onMessage);
    if (!child.send('cpu')) reject(new Error('the server process is gone'));
  });
}

export async function measure(
  child: ChildProcess,
  port: number,
  cursor: UserCursor,
  options: { connections: number; amount: number; limitSeconds: number },
): Promise<HttpRun> {
  const cpuBefore = await cpuOf(child);
  // autocannon notices `amount` reached on its one-second tick, so its `duration` (and the time
  // to 'done') is in whole seconds: the run ends at its last response.
  const startedAt = performance.now();
  let lastAt = startedAt;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}/api/totp/verify`,
        connections: options.connections,
        amount: options.amount,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const user = cursor.next++ % cursor.users;
              request.headers = { 'content-type': 'application/json', cookie: `sid=${user}` };
              request.body = `{"code":"${cursor.codes[user]}"}`;
              return request;
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', () => {
      lastAt = performance.now();
    });
    const timer = setTimeout(() => instance.stop(), options.limitSeconds * 1000);
    instance.on('done', () => clearTimeout(timer));
  });
  const seconds = (lastAt - startedAt) / 1000;
  const cpuAfter = await cpuOf(child);
  const statuses: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = count ?? 0;
  const answered = Object.values(statuses).reduce((sum, n) => sum + n, 0);
  return {
    requests: answered,
    seconds,
    perSecond: answered / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMicros: answered ? (cpuAfter - cpuBefore) / answered : 0,
    statuses,
    errors: result.errors,
  };
}
