/**
 * `@totp-gate/better-auth` on the server: better-auth signs people in and TOTP Gate is the
 * mandatory second factor (`createBetterAuthTotpGate`, `identifyWithBetterAuth`,
 * `totpGateSession`); or better-auth's own two-factor plugin made mandatory (`mandatoryTwoFactor`,
 * `requireTwoFactor`). The browser adapter over better-auth's own two-factor plugin is at
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
export { mandatoryTwoFactor, MANDATORY_TWO_FACTOR_PLUGIN_ID } from './plugin/mandatory.js';
export type { MandatoryTwoFactorOptions } from './plugin/mandatory.js';
export { requireTwoFactor } from './plugin/guard.js';
export type { MandatoryTwoFactorAuth } from './plugin/guard.js';
export type { PolicyUser } from './plugin/standing.js';
export { importBetterAuthFactors } from './migrate.js';
export type { ImportOptions } from './migrate.js';
