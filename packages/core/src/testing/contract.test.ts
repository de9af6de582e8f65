import { expect } from '../test-fixtures/expect.js';
import type { TotpBackend } from '../backend.js';
import { TotpGateError } from '../errors.js';
import { createHttpBackend } from '../http.js';
import { createHttpAccountBackend } from '../http-account.js';
import { createRestHandler, fetchThrough } from '../test-fixtures/rest-handler.js';
import { runBackendContractTests, type ContractFixture, type ContractHarness } from './contract.js';
import { createFakeBackend, type FakeBackend } from './fake.js';

const T0 = Date.parse('2026-03-01T12:00:10.000Z');

function clock() {
  let now = T0;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

// The in-memory fake, with a clock the suite can move.
runBackendContractTests('createFakeBackend (injected clock)', () => {
  const c = clock();
  const backend = createFakeBackend({ now: c.now });
  return { backend, newSession: () => backend.newSession(), now: c.now, advance: c.advance };
});

// The same fake on the real clock, without `advance`: the suite must not need a movable clock.
runBackendContractTests('createFakeBackend (real clock)', () => {
  const backend = createFakeBackend();
  return { backend, newSession: () => backend.newSession() };
});

// createHttpBackend against a REST-contract server (real Request and Response objects).
runBackendContractTests('createHttpBackend over the REST contract', () => {
  const c = clock();
  const handle = createRestHandler(createFakeBackend({ now: c.now }), { now: c.now });
  let sessions = 0;
  const connect = () =>
    createHttpBackend({ baseUrl: '/api/totp', fetch: fetchThrough(handle, `session-${++sessions}`) });
  return { backend: connect(), newSession: connect, now: c.now, advance: c.advance };
});

/** The names of the account-management tests of the suite. */
const ACCOUNT_TEST = /^S(49|50|51|52|53|57) /;
const ACCOUNT = { factors: true, regenerateRecoveryCodes: true, rememberDevice: true, signOutOthers: true };

// The fake with account management declared, on an injected and on the real clock.
runBackendContractTests('createFakeBackend with account management (injected clock)', () => {
  const c = clock();
  const backend = createFakeBackend({ now: c.now, capabilities: ACCOUNT });
  return { backend, newSession: () => backend.newSession(), now: c.now, advance: c.advance };
});
runBackendContractTests('createFakeBackend with account management (real clock)', () => {
  const backend = createFakeBackend({ capabilities: ACCOUNT });
  return { backend, newSession: () => backend.newSession() };
});

// createHttpAccountBackend over the REST contract with its account additions.
runBackendContractTests('createHttpAccountBackend over the REST contract', () => {
  const c = clock();
  const handle = createRestHandler(createFakeBackend({ now: c.now, capabilities: ACCOUNT }), { now: c.now });
  let sessions = 0;
  const connect = () =>
    createHttpAccountBackend({ baseUrl: '/api/totp', fetch: fetchThrough(handle, `session-${++sessions}`) });
  return { backend: connect(), newSession: connect, now: c.now, advance: c.advance };
});

/** Runs the suite against `makeFixture` outside mocha and reports each test's outcome. */
async function outcomes(
  makeFixture: () => ContractFixture,
  notApplicable = new Map<string, string>(),
): Promise<Map<string, Error | null>> {
  const tests: Array<[string, () => Promise<void>]> = [];
  const harness: ContractHarness = {
    describe: (_name, body) => body(),
    it: (name, body) => tests.push([name, body]),
    notApplicable: (name, reason) => notApplicable.set(name, reason),
  };
  runBackendContractTests('under test', makeFixture, harness);
  const results = new Map<string, Error | null>();
  for (const [name, body] of tests) {
    try {
      await body();
      results.set(name, null);
    } catch (error) {
      results.set(name, error as Error);
    }
  }
  return results;
}

function find(results: Map<string, Error | null>, prefix: string): Error | null {
  const entry = [...results].find(([name]) => name.startsWith(prefix));
  expect(entry, `a contract test starting "${prefix}"`).not.to.equal(undefined);
  return entry![1];
}

/** A fake whose sessions have some methods replaced: a deliberately broken backend. */
function brokenFixture(change: (session: FakeBackend) => Partial<TotpBackend>) {
  return (): ContractFixture => {
    const c = clock();
    const user = createFakeBackend({ now: c.now });
    const wrap = (session: FakeBackend): TotpBackend => ({
      capabilities: session.capabilities,
      status: (o) => session.status(o),
      startEnrollment: (o) => session.startEnrollment(o),
      confirmEnrollment: (code, o) => session.confirmEnrollment(code, o),
      verify: (code, o) => session.verify(code, o),
      redeemRecoveryCode: (code, o) => session.redeemRecoveryCode!(code, o),
      defer: (o) => session.defer!(o),
      ...change(session),
    });
    return { backend: wrap(user), newSession: () => wrap(user.newSession()), now: c.now, advance: c.advance };
  };
}

describe('runBackendContractTests cannot pass vacuously', () => {
  it('registers a meaningful number of tests, all passing for the fake', async () => {
    const c = clock();
    const results = await outcomes(() => {
      const backend = createFakeBackend({ now: c.now });
      return { backend, newSession: () => backend.newSession(), now: c.now, advance: c.advance };
    });
    expect(results.size).to.be.at.least(12);
    expect([...results].filter(([, error]) => error !== null).map(([name]) => name)).to.deep.equal([]);
  });

  it('S25 fails a backend that hands out a new secret on every startEnrollment', async () => {
    const results = await outcomes(() => {
      const c = clock();
      let current = createFakeBackend({ now: c.now });
      const backend: TotpBackend = {
        status: (o) => current.status(o),
        startEnrollment: (o) => {
          current = createFakeBackend({ now: c.now });
          return current.startEnrollment(o);
        },
        confirmEnrollment: (code, o) => current.confirmEnrollment(code, o),
        verify: (code, o) => current.verify(code, o),
        redeemRecoveryCode: (code, o) => current.redeemRecoveryCode!(code, o),
        defer: (o) => current.defer!(o),
      };
      return { backend, newSession: () => backend, now: c.now, advance: c.advance };
    });
    const error = find(results, 'S25 startEnrollment() gives a consistent otpauth URI and the same secret');
    expect(error?.message).to.match(/same secret/);
    expect(find(results, 'status() of a new user asks for enrollment')).to.equal(null);
  });

  it('fails a backend whose verify() accepts any code', async () => {
    const results = await outcomes(brokenFixture(() => ({ verify: async () => ({ state: 'verified' as const }) })));
    expect(find(results, 'S22 a wrong code at sign-in')?.message).to.match(
      /must reject with invalid-code, but it resolved/,
    );
    expect(find(results, 'S13')?.message).to.match(/but it resolved/);
    expect(find(results, 'S20')?.message).to.match(/but it resolved/);
  });

  it('S26 fails a backend that lets a second enrollment replace an active factor', async () => {
    const results = await outcomes(
      brokenFixture((session) => ({
        // Hands out a fresh secret when the real backend would refuse.
        startEnrollment: (o) => session.startEnrollment(o).catch(() => createFakeBackend().startEnrollment()),
      })),
    );
    expect(find(results, 'S26 startEnrollment() is refused with already-enrolled')?.message).to.match(
      /already-enrolled, but it resolved/,
    );
  });

  it('S49 fails a backend that adds an authenticator without a recent code', async () => {
    const results = await outcomes(() => {
      const c = clock();
      const user = createFakeBackend({ now: c.now, capabilities: ACCOUNT, stepUpSeconds: 365 * 86_400 });
      return { backend: user, newSession: () => user.newSession(), now: c.now, advance: c.advance };
    });
    expect(find(results, 'S49 adding an authenticator is refused')?.message).to.match(
      /step-up-required, but it resolved/,
    );
    expect(find(results, 'S49 a freshly verified session adds')).to.equal(null);
  });

  it('S50 fails a backend that removes the last authenticator while TOTP is required', async () => {
    const results = await outcomes(
      brokenFixture((session) => ({
        capabilities: ACCOUNT,
        listFactors: () => session.listFactors!(),
        addFactor: (input) => session.addFactor!(input),
        confirmFactor: (code) => session.confirmFactor!(code),
        renameFactor: (id, name) => session.renameFactor!(id, name),
        // Claims the last one may not go, and removes it anyway.
        removeFactor: async (id) => ({
          ...(await session.removeFactor!(id).catch(() => session.listFactors!())),
          factors: [],
        }),
      })),
    );
    expect(find(results, 'S50')?.message).to.match(/one authenticator must be left|last-factor, but it resolved/);
  });

  it('S53 fails a backend whose regenerated codes claim a count they do not have', async () => {
    const results = await outcomes(
      brokenFixture((session) => ({
        capabilities: ACCOUNT,
        regenerateRecoveryCodes: async (code) => ({
          ...(await session.regenerateRecoveryCodes!(code)),
          recoveryCodesLeft: 0,
        }),
      })),
    );
    expect(find(results, 'S53')?.message).to.match(/does not match the contract schema/);
  });

  it('fails a backend whose answers break the schema', async () => {
    const results = await outcomes(
      brokenFixture((session) => ({
        status: async (o) => ({ ...(await session.status(o)), serverTime: 'now' }),
      })),
    );
    expect(find(results, 'status() of a new user')?.message).to.match(/does not match the contract schema/);
  });

  it('reports tests that do not apply, with the reason, instead of passing them silently', async () => {
    const skipped = new Map<string, string>();
    const results = await outcomes(
      brokenFixture(() => ({ capabilities: { recoveryCodes: false, defer: false } })),
      skipped,
    );
    const names = [...skipped.keys()];
    expect(names.some((n) => n.startsWith('S30'))).to.equal(true);
    expect(names.some((n) => n.startsWith('S32 defer()'))).to.equal(true);
    expect([...skipped.values()].every((reason) => /^not applicable: .+/.test(reason))).to.equal(true);
    // The plain fake declares no account management: those tests are reported as not applicable too.
    const account = names.filter((n) => ACCOUNT_TEST.test(n));
    expect(account).to.have.length(7);
    expect(account.every((n) => /declares no/.test(skipped.get(n)!))).to.equal(true);
    expect(skipped.size).to.equal(2 + account.length);
    expect([...results].filter(([, error]) => error !== null).map(([name]) => name)).to.deep.equal([]);
    // Without a movable clock, the expiry test is reported too.
    const realClock = new Map<string, string>();
    await outcomes(() => {
      const backend = createFakeBackend();
      return { backend, newSession: () => backend.newSession() };
    }, realClock);
    expect([...realClock.keys()].filter((n) => !ACCOUNT_TEST.test(n))).to.deep.equal([
      'S25 a pending enrollment that expires is refused with enrollment-expired, then replaced',
    ]);
  });

  it('passes the fixture password to startEnrollment() for backends that need one', async () => {
    const seen: Array<string | undefined> = [];
    const needsPassword = (session: FakeBackend): Partial<TotpBackend> => ({
      capabilities: { ...session.capabilities, enrollmentRequiresPassword: true },
      startEnrollment: (o) => {
        seen.push(o?.password);
        if (o?.password !== 'correct horse') return Promise.reject(new TotpGateError('bad-request', 'password'));
        return session.startEnrollment(o);
      },
    });
    const withPassword = brokenFixture(needsPassword);
    const results = await outcomes(() => ({ ...withPassword(), password: 'correct horse' }));
    expect([...results].filter(([, error]) => error !== null).map(([name]) => name)).to.deep.equal([]);
    expect(seen.length).to.be.at.least(8);
    expect(seen.every((p) => p === 'correct horse')).to.equal(true);
    // A fixture without the password fails clearly, not with the backend's refusal.
    const without = await outcomes(brokenFixture(needsPassword));
    expect(find(without, 'confirmEnrollment() with a right code')?.message).to.match(/give the fixture a password/);
  });

  it('accepts a recovery result whose count of codes left is unknown (null)', async () => {
    const results = await outcomes(
      brokenFixture((session) => ({
        redeemRecoveryCode: async (code, o) => ({
          ...(await session.redeemRecoveryCode!(code, o)),
          recoveryCodesLeft: null,
        }),
      })),
    );
    expect(find(results, 'S30 a recovery code works once')).to.equal(null);
  });

  it('fails a backend that throws plain errors instead of TotpGateError', async () => {
    const results = await outcomes(
      brokenFixture(() => ({
        defer: async () => {
          throw new Error('no');
        },
      })),
    );
    expect(find(results, 'S32 defer() outside a grace period')?.message).to.match(/must reject with a TotpGateError/);
  });
});
