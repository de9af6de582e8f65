import { expect } from '../test-fixtures/expect.js';
import { TotpGateError } from '../errors.js';
import { createFakeBackend } from './fake.js';

const T0 = Date.parse('2026-03-01T12:00:10.000Z');
const ACCOUNT = { factors: true, regenerateRecoveryCodes: true, rememberDevice: true, signOutOthers: true };

/** A fake user with two authenticators ("first" f1 and "second"), on a clock that has moved one step on. */
async function twoFactors() {
  let now = T0;
  const fake = createFakeBackend({ now: () => now, capabilities: ACCOUNT });
  await fake.startEnrollment();
  await fake.confirmEnrollment(fake.currentCode());
  await fake.addFactor!({ name: 'second' });
  const { factor } = await fake.confirmFactor!(fake.codeOf('pending'));
  now += 30_000;
  return { fake, second: factor.id };
}

describe('the fake backend with several authenticators', () => {
  it('S51 twenty parallel sign-ins with one code: exactly one passes, and the other authenticator is unaffected', async () => {
    const { fake, second } = await twoFactors();
    const code = fake.codeOf('f1');
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => fake.newSession().verify(code)));
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.every((r) => r.reason instanceof TotpGateError && r.reason.code === 'code-reused')).to.equal(true);
    // The same time step on the other authenticator is still fresh.
    await fake.newSession().verify(fake.codeOf(second));
    const again = await fake
      .newSession()
      .verify(fake.codeOf(second))
      .catch((e: TotpGateError) => e.code);
    expect(again).to.equal('code-reused');
  });

  it('S52 remembers a device only when the policy offers it, and forgets it on removal of an authenticator', async () => {
    const { fake } = await twoFactors();
    expect((await fake.listDevices!()).rememberDays).to.equal(null);
    const offered = createFakeBackend({ capabilities: ACCOUNT, rememberDays: 7 });
    await offered.startEnrollment();
    await offered.confirmEnrollment(offered.currentCode());
    const phone = offered.newSession();
    await phone.verify(offered.currentCode(1), { rememberDevice: true });
    const { devices } = await offered.listDevices!();
    expect(devices).to.have.length(1);
    expect(devices[0]!.current).to.equal(false);
    expect((await phone.listDevices!()).devices[0]!.current).to.equal(true);
    await offered.addFactor!({ name: 'x' });
    const added = await offered.confirmFactor!(offered.codeOf('pending'));
    await offered.removeFactor!(added.factor.id);
    expect((await offered.listDevices!()).devices).to.deep.equal([]);
  });
});
