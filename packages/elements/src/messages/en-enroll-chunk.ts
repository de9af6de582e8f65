/**
 * What `loadLocale('en')` imports to complete English: the enrollment texts and those of the
 * challenge's recovery-code and lock-out views, re-exported. The
 * enrollment elements import `en-enroll.ts` itself; a module both imported and `import()`ed makes
 * Rollup (Vite) warn that the dynamic import cannot move it into a chunk of its own.
 */
export { enEnroll } from './en-enroll.js';
export { enChallengeViews } from './en-challenge-views.js';
