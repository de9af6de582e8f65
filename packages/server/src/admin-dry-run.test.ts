/**
 * The dry run of a candidate policy and the self-lockout guard (S67), through the admin mount
 * and as functions, over the memory and SQLite stores.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTotpAdmin, type TotpStore } from './index.js';
import { adminHarness } from './test/admin-suite.js';
import { enrolled, STORE_KINDS, wrongCode } from './test/harness.js';

const DAY = 86_400_000;

async function snapshot(store: TotpStore): Promise<string> {
  const ids = await store.listUserIds();
  return JSON.stringify(await Promise.all(ids.map((id) => store.getUser(id))));
}

for (const kind of STORE_KINDS) {
  describe(`dry run over ${kind.name}`, () => {
    it('S67 a candidate policy (contractors from Monday, 7-day grace) reports who is blocked, in grace and exempt on a date, and changes nothing', async () => {
      const { store, cleanup } = kind.make();
      try {
        const a = adminHarness(store);
        const monday = new Date(a.clock.now + 3 * DAY);
        await enrolled(a, 'alice');
        await a.as('dave').enroll();
        const soon = new Date(a.clock.now + 30 * DAY).toISOString();
        a.facts.set('erin', {});
        await a.call('PUT', '/users/erin/exemption', { body: { reason: 'no phone yet', expiresAt: soon } });
        const users = [
          { userId: 'alice', roles: ['contractor'], requiredSince: monday },
          { userId: 'dave', roles: ['contractor'], requiredSince: monday },
          { userId: 'erin', roles: ['contractor'], requiredSince: monday },
          { userId: 'frank', roles: ['contractor'], requiredSince: monday }, // never reached TOTP Gate
          { userId: 'gina', roles: ['staff'] },
        ];
        const mount = createTotpAdmin({
          service: a.service,
          authorize: () => ({ adminId: 'carol' }),
          users: () => users,
        });
        const before = await snapshot(store);
        const events = a.events.length;
        const policy = { requiredRoles: ['contractor'], gracePeriodSeconds: 7 * 86_400 };
        const ask = async (at: Date) => {
          const response = await mount.handle(
            new Request('http://host.test/dry-run', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ policy, at: at.toISOString() }),
            }),
          );
          assert.equal(response.status, 200);
          return (await response.json()) as any;
        };
        const inWeek = await ask(new Date(monday.getTime() + 2 * DAY));
        assert.equal(inWeek.total, 5);
        assert.deepEqual(inWeek.blocked, []);
        assert.deepEqual(inWeek.inGrace, [
          { userId: 'dave', graceEndsAt: new Date(monday.getTime() + 7 * DAY).toISOString() },
          { userId: 'frank', graceEndsAt: new Date(monday.getTime() + 7 * DAY).toISOString() },
        ]);
        assert.deepEqual(inWeek.exempt, [{ userId: 'erin', reason: 'no phone yet', expiresAt: soon }]);
        assert.equal(inWeek.counts.enrolled, 1);
        assert.equal(inWeek.counts['not-required'], 1);
        const after = await ask(new Date(monday.getTime() + 8 * DAY));
        assert.deepEqual(after.blocked, ['dave', 'frank']);
        const late = await ask(new Date(monday.getTime() + 40 * DAY));
        assert.deepEqual(late.blocked, ['dave', 'erin', 'frank'], 'the exemption has ended by then');
        assert.equal(await snapshot(store), before, 'a dry run writes nothing');
        assert.equal(a.events.length, events, 'and emits nothing');
        // Without a host list it covers the users TOTP Gate knows, with the facts lookup.
        const fromStore = await a.service.admin.dryRun({ policy: {} });
        assert.deepEqual(fromStore.blocked, ['dave']);
        assert.equal(fromStore.total, 3);
        for (const body of [
          {},
          { policy: { gracePeriodSeconds: -1 } },
          { policy: {}, at: 'monday' },
          { policy: {}, listLimit: -1 },
        ]) {
          const reply = await a.call('POST', '/dry-run', { body });
          assert.equal(reply.status, 400, JSON.stringify(body));
          assert.ok(reply.body.error.message.length > 10);
        }
      } finally {
        cleanup();
      }
    });

    it("S67 what a candidate policy leaves out is the service's own policy: a user the service has locked after 3 wrong codes is locked in the dry run, not judged by the default threshold of 5", async () => {
      const { store, cleanup } = kind.make();
      try {
        const a = adminHarness(store, {
          policy: { lockout: { threshold: 3, hardLimit: 10, baseDelaySeconds: 600, maxDelaySeconds: 600 } },
        });
        const { secret } = await enrolled(a, 'alice');
        await enrolled(a, 'bob');
        const signIn = a.as('alice', 'next-sign-in');
        for (let i = 0; i < 3; i++) await signIn.verify(wrongCode(secret, a.clock.now));
        assert.equal((await signIn.verify(wrongCode(secret, a.clock.now))).status, 429, 'the service has locked her');
        const ask = async (policy: object) => {
          const reply = await a.call('POST', '/dry-run', { body: { policy } });
          assert.equal(reply.status, 200, JSON.stringify(reply.body));
          return reply.body as { locked: string[]; counts: Record<string, number> };
        };
        const sameLockout = await ask({ gracePeriodSeconds: 7 * 86_400 });
        assert.deepEqual(sameLockout.locked, ['alice']);
        assert.equal(sameLockout.counts.locked, 1);
        // A nested option is merged key by key: a higher threshold alone unlocks her in the dry run.
        const higher = await ask({ lockout: { threshold: 5 } });
        assert.deepEqual(higher.locked, []);
        const refused = await a.call('POST', '/dry-run', { body: { policy: { lockout: { threshold: 0 } } } });
        assert.equal(refused.status, 400);
        assert.match(refused.body.error.message, /lockout\.threshold/);
      } finally {
        cleanup();
      }
    });

    it('S67 the self-lockout guard refuses a policy under which no administrator could sign in, unless overridden with a reason (audited)', async () => {
      const { store, cleanup } = kind.make();
      try {
        const a = adminHarness(store);
        a.facts.set('carol', { roles: ['admin'], requiredSince: new Date(a.clock.now) });
        a.facts.set('root', { roles: ['admin'], requiredSince: new Date(a.clock.now) });
        await a.as('carol').enroll();
        await a.as('root').enroll();
        const refused = await a.call('POST', '/policy-check', { body: { policy: {} } });
        assert.equal(refused.status, 409);
        assert.equal(refused.body.error.code, 'lockout-guard');
        assert.match(refused.body.error.message, /every administrator \(carol, root\)/);
        const dry = await a.call('POST', '/dry-run', { body: { policy: {} } });
        assert.deepEqual(dry.body.guard, {
          tripped: true,
          administrators: 2,
          canSignIn: 0,
          blocked: ['carol', 'root'],
        });
        const noReason = await a.call('POST', '/policy-check', { body: { policy: {}, override: {} } });
        assert.equal(noReason.status, 400);
        const overridden = await a.call('POST', '/policy-check', {
          body: { policy: {}, override: { reason: 'both enroll at the kick-off meeting' } },
        });
        assert.equal(overridden.status, 200);
        assert.equal(overridden.body.overridden, true);
        const event = a.events.find((e) => e.type === 'admin-policy-override')!;
        assert.equal(event.adminId, 'carol');
        assert.equal(event.adminReason, 'both enroll at the kick-off meeting');
        // A grace period, or one enrolled administrator, is enough to pass.
        const grace = await a.call('POST', '/policy-check', {
          body: { policy: { gracePeriodSeconds: 86_400 }, at: new Date(a.clock.now).toISOString() },
        });
        assert.equal(grace.status, 200, 'administrators in grace can still sign in');
        assert.equal(grace.body.guard.canSignIn, 2);
        await enrolled(a, 'root', 'root-2');
        const passes = await a.call('POST', '/policy-check', { body: { policy: {} } });
        assert.equal(passes.status, 200);
        assert.equal(passes.body.overridden, false);
        assert.deepEqual(passes.body.guard.blocked, ['carol']);
      } finally {
        cleanup();
      }
    });
  });
}
