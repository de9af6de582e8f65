/**
 * `@totp-gate/server/testing`: the store contract suite. Run it against your own `TotpStore`
 * (and against a real engine, not a mock of one) before you trust it with second factors.
 */
export { runStoreContractTests } from './store-contract.js';
export type { StoreFixture, StoreContractHarness } from './store-contract.js';
