/**
 * `@totp-gate/core`: the policy, the gate state machine, the adapter interface and the schemas
 * of the REST contract. No DOM and no framework: it runs in browsers, Node and workers.
 * The HTTP adapter is at `@totp-gate/core/http` (with account management: `/http-account`), otpauth-based helpers at `@totp-gate/core/otp`,
 * and the adapter test suite at `@totp-gate/core/testing`.
 */
export * from './errors.js';
export * from './schemas.js';
export * from './account-schemas.js';
export * from './policy.js';
export * from './backend.js';
export * from './account-capabilities.js';
export * from './gate-state.js';
export * from './gate.js';
export { systemClock, type Clock } from './clock.js';
export * from './codes.js';
export { compatibilityWarnings, otpauthUriMatches, type CompatibilityWarning } from './enrollment-checks.js';
export * from './otpauth-uri.js';
export { encodeBase32, decodeBase32 } from './base32.js';
