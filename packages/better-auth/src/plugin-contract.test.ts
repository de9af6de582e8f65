// The TotpBackend contract for betterAuthBackend: better-auth's real browser client, better-auth's
// own two-factor plugin made mandatory by mandatoryTwoFactor(), all in this process.
import { after, describe, it } from 'node:test';
import { runBackendContractTests } from '@totp-gate/core/testing';
import { createWay2App, PASSWORD } from './test/app.js';

const app = await createWay2App();
after(() => app.close());

let users = 0;
runBackendContractTests(
  'betterAuthBackend over better-auth twoFactor() + mandatoryTwoFactor()',
  async () => {
    const email = `way2-${++users}@example.com`;
    const first = app.browser();
    const signedUp = await first.authClient.signUp.email({ email, password: PASSWORD, name: email });
    if (signedUp.error) throw new Error(`sign-up failed: ${JSON.stringify(signedUp.error)}`);
    return {
      backend: first.backend,
      password: PASSWORD,
      async newSession() {
        const next = app.browser();
        const signedIn = await next.authClient.signIn.email({ email, password: PASSWORD });
        if (signedIn.error) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.error)}`);
        return next.backend;
      },
    };
  },
  { describe, it },
);
