/**
 * `betterAuthBackend` in Chromium, with better-auth's own browser client (`createAuthClient` +
 * `twoFactorClient`), against the real better-auth server the test runner mounts at /api/auth
 * (src/test/browser-server.ts: better-auth's two-factor plugin made mandatory by
 * `mandatoryTwoFactor()`, on SQLite). Requests are the page's own `fetch`, cookies the browser's.
 *
 * The page has one cookie jar, so a new session (signing in again) takes the place of the one
 * before it in this page; the contract never goes back to an earlier session after making a new
 * one. Tests that do not apply are marked skipped and listed with their reason by the last suite,
 * which fails on any that is not expected.
 */
import { expect } from '@open-wc/testing';
import { createAuthClient } from 'better-auth/client';
import { twoFactorClient } from 'better-auth/client/plugins';
import { runBackendContractTests } from '@totp-gate/core/testing';
import { betterAuthBackend, type BetterAuthClient } from '@totp-gate/better-auth/client';

const PASSWORD = 'correct horse battery staple';
const authClient = createAuthClient({ baseURL: `${location.origin}/api/auth`, plugins: [twoFactorClient()] });
const backend = () => betterAuthBackend(authClient as unknown as BetterAuthClient);

const notApplicable = new Map<string, string>();
let users = 0;

describe('betterAuthBackend in Chromium against better-auth over HTTP', () => {
  // The test runner loads the better-auth server on the first /api/auth request (TypeScript
  // compiled on the fly, SQLite opened): a busy machine can take longer than one test's timeout,
  // so that first request is made here, with room of its own, and not inside the first test.
  before(async function () {
    this.timeout(120_000);
    const answer = await fetch(`${location.origin}/api/auth/ok`);
    expect(answer.status, 'better-auth answers /ok').to.equal(200);
  });

  runBackendContractTests(
    'betterAuthBackend over better-auth twoFactor() + mandatoryTwoFactor()',
    async () => {
      const email = `browser-${Date.now()}-${++users}@example.com`;
      const signedUp = await authClient.signUp.email({ email, password: PASSWORD, name: email });
      if (signedUp.error) throw new Error(`sign-up failed: ${JSON.stringify(signedUp.error)}`);
      return {
        backend: backend(),
        password: PASSWORD,
        async newSession() {
          const signedIn = await authClient.signIn.email({ email, password: PASSWORD });
          if (signedIn.error) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.error)}`);
          return backend();
        },
      };
    },
    {
      describe,
      it,
      notApplicable: (name, reason) => {
        notApplicable.set(name, reason);
        console.log(`${name}: ${reason}`);
      },
    },
  );
});

// A sibling suite, so that it runs after every contract test (mocha runs a suite's own tests
// before its nested suites).
describe('betterAuthBackend contract in Chromium: tests that do not apply', () => {
  it('reports as not applicable only what better-auth cannot do, each with its reason', () => {
    const names = [...notApplicable.keys()];
    expect(names.length, 'the contract suite ran first').to.be.greaterThan(0);
    // better-auth's clock cannot be moved from the page, so a pending enrollment cannot expire.
    const expiry = names.filter((name) => name.startsWith('S25 '));
    expect(expiry, 'the expiry test').to.have.length(1);
    expect(notApplicable.get(expiry[0]!)).to.match(/advance\(\)/);
    // betterAuthBackend declares none of the account capabilities.
    for (const name of names.filter((n) => !n.startsWith('S25 '))) {
      expect(notApplicable.get(name), name).to.match(/^not applicable: the backend declares no /);
    }
  });
});
