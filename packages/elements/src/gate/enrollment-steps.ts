/**
 * What `<totp-gate>` and `<totp-challenge>` load on first need, together: the enrollment elements,
 * and the challenge's recovery-code and lock-out views. One lazy chunk instead of several means one
 * chunk of code shared with the sign-in path instead of several (bundlers split shared code by the
 * set of chunks that use it, and each extra chunk on the first load costs bytes), and the recovery
 * codes that follow a confirmed enrollment are on the page already.
 */
import '../enroll/enroll.js';
import '../recovery-codes/recovery-codes.js';

export * from '../challenge/challenge-views.js';
