// Runs the adapter contract suite. Replace createFakeBackend with your adapter and a fresh test user.
import { describe, it } from 'node:test';
import { createFakeBackend, runBackendContractTests } from '@totp-gate/core/testing';

describe('contract', () => {
  runBackendContractTests(
    'in-memory fake backend',
    () => {
      let now = Date.now();
      const backend = createFakeBackend({ now: () => now }); // a fresh user who must enroll
      return {
        backend,
        newSession: () => backend.newSession(), // the same user, signed in again
        now: () => now,
        advance: (ms) => {
          now += ms;
        },
      };
    },
    { describe, it },
  );
});
