/**
 * What `<totp-gate>` and `<totp-challenge>` load on first need, together: the enrollment elements,
 * and the challenge's recovery-code and lock-out views. One lazy chunk instead of several means one
 * chunk of code shared with the sign-in path instead of several (bundlers split shared code by the
 * set of chunks that use it, and each extra chunk on the first load costs bytes), and the recovery
 * codes that follow a confirmed enrollment are on the page already.
 *
 * It imports `<totp-gate>` itself (already loaded wherever the gate loads this): then everything
 * the sign-in path loads is used by this chunk too, and a bundler that splits by use (esbuild)
 * keeps the sign-in path in one shared file instead of two, which gzip compresses ~1.3 kB smaller.
 * A page with a `<totp-challenge>` of its own gets `<totp-gate>` registered with these views, as
 * it gets `<totp-enroll>` and `<totp-recovery-codes>`.
 */
import './gate.js';
import '../enroll/enroll.js';
import '../recovery-codes/recovery-codes.js';

export * from '../challenge/challenge-views.js';
