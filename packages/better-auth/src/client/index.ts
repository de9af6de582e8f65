/**
 * `@totp-gate/better-auth/client`: the browser side for apps on better-auth's own two-factor
 * plugin. `betterAuthBackend(authClient)` connects `<totp-gate>` to it.
 */
export { betterAuthBackend } from './backend.js';
export type { BetterAuthBackendOptions, BetterAuthClient } from './backend.js';
export { fromBetterAuthError } from './errors.js';
export type { BetterAuthClientError } from './errors.js';
