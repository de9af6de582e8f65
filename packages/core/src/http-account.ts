/**
 * `createHttpAccountBackend`: the REST contract v1 with its account-management additions, for
 * `<totp-manage>` on an account settings page. The sign-in calls are those of
 * `createHttpBackend`; this module is separate so a page that only signs in never loads it.
 */
import {
  ACCOUNT_ERROR_CODES,
  AddFactorResult,
  DeviceList,
  FactorList,
  RegenerateResult,
  SignOutOthersResult,
} from './account-schemas.js';
import type { TotpBackend } from './backend.js';
import { createHttpBackend, httpRequester, type HttpBackendOptions } from './http.js';
import { Enrollment } from './schemas.js';

/**
 * An adapter for the whole REST contract v1, account management included: several named
 * authenticators, new recovery codes, remembered devices and "sign out other devices".
 *
 * @example
 * const backend = createHttpAccountBackend({ baseUrl: '/api/totp' })
 * const { factors } = await backend.listFactors!()
 */
export function createHttpAccountBackend(options: HttpBackendOptions): TotpBackend {
  const request = httpRequester(options, ACCOUNT_ERROR_CODES);
  return {
    ...createHttpBackend(options),
    capabilities: {
      recoveryCodes: true,
      defer: true,
      enrollmentRequiresPassword: false,
      requiresRecentLogin: false,
      factors: true,
      regenerateRecoveryCodes: true,
      rememberDevice: true,
      signOutOthers: true,
    },
    listFactors: (o) => request(FactorList, 'GET', '/factors', undefined, o),
    addFactor: ({ name, replaces }, o) =>
      request(Enrollment, 'POST', '/factors', replaces === undefined ? { name } : { name, replaces }, o),
    confirmFactor: (code, o) => request(AddFactorResult, 'POST', '/factors/confirm', { code }, o),
    renameFactor: (id, name, o) => request(FactorList, 'POST', '/factors/rename', { id, name }, o),
    removeFactor: (id, o) => request(FactorList, 'POST', '/factors/remove', { id }, o),
    regenerateRecoveryCodes: (code, o) => request(RegenerateResult, 'POST', '/recovery-codes', { code }, o),
    listDevices: (o) => request(DeviceList, 'GET', '/devices', undefined, o),
    revokeDevice: (id, o) => request(DeviceList, 'POST', '/devices/revoke', { id }, o),
    signOutOthers: (o) => request(SignOutOthersResult, 'POST', '/sign-out-others', {}, o),
  };
}
