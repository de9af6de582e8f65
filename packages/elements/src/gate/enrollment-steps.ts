/**
 * The elements of the enrollment steps, which `<totp-gate>` loads on first need, together: one
 * lazy chunk instead of two means one chunk of code shared with the sign-in path instead of
 * several (bundlers split shared code by the set of chunks that use it), and the recovery codes
 * that follow a confirmed enrollment are on the page already.
 */
import '../enroll/enroll.js';
import '../recovery-codes/recovery-codes.js';
