/**
 * `accountCapabilitiesOf`: which parts of account management a backend offers. Apart from
 * `capabilitiesOf` so that the sign-in path does not carry it.
 */
import type { AccountCapabilities, TotpBackend } from './backend.js';

const NEEDS: Record<keyof AccountCapabilities, ReadonlyArray<keyof TotpBackend>> = {
  factors: ['listFactors', 'addFactor', 'confirmFactor', 'renameFactor', 'removeFactor'],
  regenerateRecoveryCodes: ['regenerateRecoveryCodes'],
  rememberDevice: ['listDevices', 'revokeDevice'],
  signOutOthers: ['signOutOthers'],
};

/**
 * The account capabilities a backend declares, each checked against the methods it needs: only
 * a real `true` with every method present counts.
 *
 * @example
 * if (accountCapabilitiesOf(backend).factors) showAuthenticators(await backend.listFactors!())
 */
export function accountCapabilitiesOf(backend: TotpBackend): AccountCapabilities {
  const declared = backend.capabilities ?? {};
  const on = (flag: keyof AccountCapabilities) =>
    declared[flag] === true && NEEDS[flag].every((name) => typeof backend[name] === 'function');
  return {
    factors: on('factors'),
    regenerateRecoveryCodes: on('regenerateRecoveryCodes'),
    rememberDevice: on('rememberDevice'),
    signOutOthers: on('signOutOthers'),
  };
}
