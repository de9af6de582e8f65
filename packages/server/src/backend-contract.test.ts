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
import { STORE_TRANSPORTS, makeHarness, type Harness } from './test/harness.js';

let counter = 0;

function backendFor(h: Harness, userId: string, sessionId: string) {
  return createHttpBackend({
    baseUrl: 'http://host.test/api/totp',
    headers: { 'x-test-user': userId, 'x-test-session': sessionId },
    fetch: (input, init) => h.send(new Request(input, init)),
  });
}

for (const [kind, via] of STORE_TRANSPORTS) {
  runBackendContractTests(
    `createHttpBackend over @totp-gate/server with ${kind.name}, through ${via}`,
    () => {
      const made = kind.make();
      const h = makeHarness(made.store, { via });
      const userId = `contract-user-${++counter}`;
      let sessions = 0;
      return {
        backend: backendFor(h, userId, `${userId}-s0`),
        newSession: () => backendFor(h, userId, `${userId}-s${++sessions}`),
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

/**
 * The account adapter over the server: authenticators, new recovery codes, remembered devices
 * (under a policy that offers them) and "sign out other devices".
 */
function accountBackendFor(h: Harness, userId: string, sessionId: string): TotpBackend {
  return createHttpAccountBackend({
    baseUrl: 'http://host.test/api/totp',
    headers: { 'x-test-user': userId, 'x-test-session': sessionId },
    fetch: (input, init) => h.send(new Request(input, init)),
  });
}

for (const [kind, via] of STORE_TRANSPORTS) {
  runBackendContractTests(
    `createHttpAccountBackend over @totp-gate/server with ${kind.name}, through ${via}`,
    () => {
      const made = kind.make();
      const h = makeHarness(made.store, { via, policy: { rememberDevice: { enabled: true } } });
      const userId = `account-user-${++counter}`;
      let sessions = 0;
      return {
        backend: accountBackendFor(h, userId, `${userId}-s0`),
        newSession: () => accountBackendFor(h, userId, `${userId}-s${++sessions}`),
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
