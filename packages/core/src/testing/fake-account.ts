/**
 * The account-management half of the fake backend: several named authenticators (adding and
 * removing one needs a recent code), new recovery codes for a fresh code, remembered devices and
 * "sign out other devices", with the semantics of the REST contract v1 additions. A test double:
 * a "device" here is a fake session, and a remembered device is only listed and revoked (no
 * cookie exists in a page-local fake, so it lets no session skip the code).
 */
import type { AddFactorInput, CallOptions, TotpBackend } from '../backend.js';
import type { AddFactorResult, DeviceInfo, DeviceList, FactorInfo, FactorList } from '../account-schemas.js';
import { FactorName, MAX_FACTORS } from '../account-schemas.js';
import { TotpGateError } from '../errors.js';
import { createSecret } from '../otp.js';
import type { Enrollment } from '../schemas.js';

/** One authenticator in the fake. */
export interface FakeFactor {
  id: string;
  name: string;
  secret: string;
  createdAt: number;
  lastUsedAt: number | null;
  /** The last accepted time step of this factor (replay protection is per factor). */
  lastStep: number;
}

/** A remembered device in the fake: the session that ticked the box. */
interface FakeDevice {
  id: string;
  session: FakeSession;
  createdAt: number;
  expiresAt: number;
}

/** What the fake keeps about the user, shared by all of the user's sessions. */
export interface FakeAccount {
  account: string;
  issuer: string;
  factors: FakeFactor[];
  /** The first enrollment's pending secret (shared: the fake does not bind it to a session). */
  pending: { secret: string; expiresAt: number } | null;
  failures: number;
  lastFailureAt: number | null;
  recovery: Set<string>;
  graceEndsAt: number | null;
  exempt: { reason: string; until: number | null } | null;
  devices: FakeDevice[];
  /** Grows with "sign out other devices": a session verified at an older generation counts for nothing. */
  generation: number;
}

/** What the fake keeps about one session. */
export interface FakeSession {
  verifiedAt: number | null;
  generation: number;
  /** Another authenticator being added in this session (bound to it, like the server's). */
  adding: { secret: string; name: string; replaces: string | undefined; expiresAt: number } | null;
}

/** What the account half needs from the sign-in half. */
export interface AccountParts {
  shared: FakeAccount;
  me: FakeSession;
  now: () => number;
  options: { stepUpSeconds?: number; canRemoveLast?: boolean; rememberDays?: number | null };
  answer<T>(name: string, signal: AbortSignal | undefined, work: () => T): Promise<T>;
  /** Index of the candidate the code matches (fresh step), or throws the contract's error. */
  check(candidates: readonly Pick<FakeFactor, 'secret' | 'lastStep'>[], code: string): number;
  describe(pending: { secret: string; expiresAt: number }): Enrollment;
  newFactor(name: string, secret: string, at: number): FakeFactor;
  issueRecoveryCodes(): string[];
  enrollmentTtlMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
// Device ids are unique across every fake in the page, like random ids would be.
let deviceIds = 0;

/** The account methods of one fake session, and `remember()` for `verify(code, { rememberDevice })`. */
export function accountMethods(parts: AccountParts) {
  const { shared, me, now, options, answer, check } = parts;
  const stepUpMs = (options.stepUpSeconds ?? 300) * 1000;

  const info = (f: FakeFactor): FactorInfo => ({
    id: f.id,
    name: f.name,
    createdAt: iso(f.createdAt),
    lastUsedAt: f.lastUsedAt === null ? null : iso(f.lastUsedAt),
  });
  const list = (): FactorList => ({
    factors: shared.factors.map(info),
    canRemoveLast: options.canRemoveLast === true,
  });
  const devices = (): DeviceList => ({
    devices: shared.devices
      .filter((d) => d.expiresAt > now())
      .map((d): DeviceInfo => ({
        id: d.id,
        label: 'Test browser',
        createdAt: iso(d.createdAt),
        expiresAt: iso(d.expiresAt),
        current: d.session === me,
      })),
    rememberDays: options.rememberDays ?? null,
  });

  function verifiedSession(): void {
    if (me.verifiedAt === null || me.generation !== shared.generation) {
      throw new TotpGateError('totp-required', 'Verify a code in this session first.');
    }
  }
  function steppedUp(): void {
    verifiedSession();
    if (now() - me.verifiedAt! > stepUpMs) {
      throw new TotpGateError('step-up-required', 'Enter a current code first.');
    }
  }
  function name(value: string): string {
    if (!FactorName.safeParse(value).success) throw new TotpGateError('bad-request', 'That name cannot be used.');
    return value.trim();
  }
  function factor(id: string): FakeFactor {
    const found = shared.factors.find((f) => f.id === id);
    if (!found) throw new TotpGateError('unknown-id', 'There is no authenticator with this id.');
    return found;
  }

  const methods: Required<
    Pick<
      TotpBackend,
      | 'listFactors'
      | 'addFactor'
      | 'confirmFactor'
      | 'renameFactor'
      | 'removeFactor'
      | 'regenerateRecoveryCodes'
      | 'listDevices'
      | 'revokeDevice'
      | 'signOutOthers'
    >
  > = {
    listFactors: (o?: CallOptions) =>
      answer('listFactors', o?.signal, () => {
        verifiedSession();
        return list();
      }),
    addFactor: (input: AddFactorInput, o?: CallOptions) =>
      answer('addFactor', o?.signal, () => {
        const chosen = name(input.name);
        steppedUp();
        if (input.replaces !== undefined) factor(input.replaces);
        if (shared.factors.length >= MAX_FACTORS) {
          throw new TotpGateError('bad-request', `At most ${MAX_FACTORS} authenticators.`);
        }
        const t = now();
        if (!me.adding || me.adding.expiresAt <= t) {
          me.adding = {
            secret: createSecret(),
            name: chosen,
            replaces: input.replaces,
            expiresAt: t + parts.enrollmentTtlMs,
          };
        } else {
          me.adding = { ...me.adding, name: chosen, replaces: input.replaces };
        }
        return parts.describe(me.adding);
      }),
    confirmFactor: (code: string, o?: CallOptions) =>
      answer('confirmFactor', o?.signal, (): AddFactorResult => {
        verifiedSession();
        const adding = me.adding;
        if (!adding || adding.expiresAt <= now()) {
          me.adding = null;
          throw new TotpGateError('enrollment-expired', 'The enrollment expired. Start again.');
        }
        const added = parts.newFactor(adding.name, adding.secret, now());
        check([added], code);
        me.adding = null;
        const removed = adding.replaces !== undefined && shared.factors.some((f) => f.id === adding.replaces);
        shared.factors = [...shared.factors.filter((f) => f.id !== adding.replaces), added];
        if (removed) shared.devices = [];
        me.verifiedAt = now();
        return { factor: info(added), factors: shared.factors.map(info), removed: removed ? [adding.replaces!] : [] };
      }),
    renameFactor: (id: string, newName: string, o?: CallOptions) =>
      answer('renameFactor', o?.signal, () => {
        verifiedSession();
        const chosen = name(newName);
        factor(id).name = chosen;
        return list();
      }),
    removeFactor: (id: string, o?: CallOptions) =>
      answer('removeFactor', o?.signal, () => {
        steppedUp();
        factor(id);
        if (shared.factors.length === 1 && options.canRemoveLast !== true) {
          throw new TotpGateError('last-factor', 'The only authenticator cannot be removed.');
        }
        shared.factors = shared.factors.filter((f) => f.id !== id);
        // Remembered devices were remembered on the strength of the factors: forget them all.
        shared.devices = [];
        return list();
      }),
    regenerateRecoveryCodes: (code: string, o?: CallOptions) =>
      answer('regenerateRecoveryCodes', o?.signal, () => {
        verifiedSession();
        const index = check(shared.factors, code);
        shared.factors[index]!.lastUsedAt = now();
        me.verifiedAt = now();
        const recoveryCodes = parts.issueRecoveryCodes();
        return { recoveryCodes, recoveryCodesLeft: recoveryCodes.length };
      }),
    listDevices: (o?: CallOptions) =>
      answer('listDevices', o?.signal, () => {
        verifiedSession();
        return devices();
      }),
    revokeDevice: (id: string, o?: CallOptions) =>
      answer('revokeDevice', o?.signal, () => {
        verifiedSession();
        if (!shared.devices.some((d) => d.id === id)) {
          throw new TotpGateError('unknown-id', 'There is no remembered device with this id.');
        }
        shared.devices = shared.devices.filter((d) => d.id !== id);
        return devices();
      }),
    signOutOthers: (o?: CallOptions) =>
      answer('signOutOthers', o?.signal, () => {
        verifiedSession();
        const devicesRevoked = shared.devices.length;
        shared.devices = [];
        shared.generation += 1;
        me.generation = shared.generation;
        return { devicesRevoked };
      }),
  };

  return {
    methods,
    /** After a passed code with `rememberDevice`: remembers this session, when the policy offers it. */
    remember(): void {
      const days = options.rememberDays;
      if (!days) return;
      const t = now();
      shared.devices = [
        ...shared.devices.filter((d) => d.session !== me),
        { id: `d${++deviceIds}`, session: me, createdAt: t, expiresAt: t + days * 86_400_000 },
      ];
    },
  };
}
