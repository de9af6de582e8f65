/**
 * `@totp-gate/better-auth` on the server: better-auth signs people in and TOTP Gate is the
 * mandatory second factor (`createBetterAuthTotpGate`, `identifyWithBetterAuth`,
 * `totpGateSession`). The browser adapter over better-auth's own two-factor plugin is at
 * `@totp-gate/better-auth/client`.
 */
export { createBetterAuthTotpGate } from './gate.js';
export type { BetterAuthTotpGate, BetterAuthTotpGateOptions } from './gate.js';
export { identifyWithBetterAuth } from './identify.js';
export type {
  BetterAuthInstance,
  BetterAuthSession,
  BetterAuthSessionResult,
  BetterAuthUser,
  IdentifyOptions,
} from './identify.js';
export { totpGateSession, TOTP_GATE_SESSION_PLUGIN_ID } from './session-plugin.js';
