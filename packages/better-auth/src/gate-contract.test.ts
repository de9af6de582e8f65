// The TotpBackend contract through createHttpBackend, over the REST contract served next to a
// real better-auth: each fixture is a new better-auth user, each new session a new sign-in.
import { after, describe, it } from 'node:test';
import { createHttpBackend } from '@totp-gate/core/http';
import { runBackendContractTests } from '@totp-gate/core/testing';
import { createWay1App, type Client } from './test/app.js';

const app = await createWay1App();
after(() => app.close());

const backendOf = (client: Client) =>
  createHttpBackend({
    baseUrl: 'http://app.test/api/totp',
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const reply = await client.fetch(new URL(request.url).pathname, {
        method: request.method,
        ...(request.method !== 'GET' && { body: JSON.parse((await request.text()) || '{}') }),
      });
      return Response.json(reply.body, { status: reply.status, headers: reply.headers });
    },
  });

let users = 0;
runBackendContractTests(
  'createHttpBackend over createBetterAuthTotpGate',
  async () => {
    const email = `contract${++users}@example.com`;
    const first = app.client();
    await first.signUp(email);
    return {
      backend: backendOf(first),
      async newSession() {
        const client = app.client();
        await client.signIn(email);
        return backendOf(client);
      },
      now: () => app.clock.now,
      advance: (ms) => void (app.clock.now += ms),
    };
  },
  { describe, it },
);
