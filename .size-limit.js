// Size budgets, checked by `npm run test:size` (size-limit with its esbuild plugin): each bundle
// is built from its entry in scripts/size/ with the settings and source transforms of
// scripts/bundle-sizes.mjs and must not pass its budget in gzip bytes (level 9, every output file
// compressed on its own; 1 kB = 1000 B). `npm run bench` prints the same figures.
//
// The budgets sit just above the figures of 2026-12-02 (sign-in 24.04 kB, full UI 39.90 kB,
// account settings 38.47 kB, administrator's page 30.54 kB, core 9.54 kB) so that growth fails
// `npm test`; the targets they were set against are TARGETS in scripts/bundle-sizes.mjs.
import { BUNDLE_SETTINGS, countOnly, OUR_BUNDLES, SOURCE_PLUGINS } from './scripts/bundle-sizes.mjs';

/** Budgets in gzip bytes, by bundle id, as scripts/bundle-sizes.mjs and the bench count them. */
export const BUDGETS = { core: 10_000, challenge: 24_070, full: 39_930, manage: 38_500, admin: 30_560 };

/** size-limit takes the gzip of an empty esbuild bundle (32 B) off its figure; so does the limit. */
const EMPTY_BUNDLE_GZIP = 32;

export default OUR_BUNDLES.filter((bundle) => bundle.entry).map((bundle) => ({
  name: bundle.label,
  path: bundle.entry,
  limit: `${BUDGETS[/** @type {keyof typeof BUDGETS} */ (bundle.id)] - EMPTY_BUNDLE_GZIP} B`,
  gzip: true,
  /** @param {import('esbuild').BuildOptions} config */
  modifyEsbuildConfig: (config) => ({
    ...config,
    ...BUNDLE_SETTINGS,
    plugins: [...SOURCE_PLUGINS, countOnly(bundle.figure, bundle.alternatives)],
  }),
}));
