/**
 * Core's `runBackendContractTests` against `createHttpBackend` whose fetch calls this service's
 * `handle()` or, over real HTTP, `toNodeHandler`: the browser SDK and the server agree on the
 * contract. Once per store and path.
 */
import { describe, it } from 'node:test';
import type { TotpBackend } from '@totp-gate/core';
import { createHttpBackend } from '@totp-gate/core/http';
import { createHttpAccountBackend } from '@totp-gate/core/http-account';
import { runBackendContractTests } from '@totp-gate/core/testing';
import { STORE_TRANSPORTS, makeHarness, type HarnessOptions } from './test/harness.js';

let counter = 0;

/**
 * The two adapters: the sign-in one, and the account one over the server with authenticators,
 * new recovery codes, remembered devices (under a policy that offers them) and "sign out other
 * devices".
 */
const ADAPTERS = [
  { name: 'createHttpBackend', create: createHttpBackend, users: 'contract-user', options: {} },
  {
    name: 'createHttpAccountBackend',
    create: createHttpAccountBackend,
    users: 'account-user',
    options: { policy: { rememberDevice: { enabled: true } } },
  },
] satisfies { name: string; create: typeof createHttpBackend; users: string; options: HarnessOptions }[];

for (const { name, create, users, options } of ADAPTERS) {
  for (const [kind, via] of STORE_TRANSPORTS) {
    runBackendContractTests(
      `${name} over @totp-gate/server with ${kind.name}, through ${via}`,
      () => {
        const made = kind.make();
        const h = makeHarness(made.store, { ...options, via });
        const userId = `${users}-${++counter}`;
        const backendFor = (sessionId: string): TotpBackend =>
          create({
            baseUrl: 'http://host.test/api/totp',
            headers: { 'x-test-user': userId, 'x-test-session': sessionId },
            fetch: (input, init) => h.send(new Request(input, init)),
          });
        let sessions = 0;
        return {
          backend: backendFor(`${userId}-s0`),
          newSession: () => backendFor(`${userId}-s${++sessions}`),
          now: () => h.clock.now,
          advance: (ms) => {
            h.clock.now += ms;
          },
          cleanup: () => made.cleanup(),
        };
      },
      { describe, it },
    );
  }
}
