/**
 * The security promises, in the docs' own words. The ids and their meaning come from the
 * project's security checklist; `security.data.ts` pairs each with the tests whose names start
 * with its id, and `docs/test/security-promises.test.ts` fails when a listed id has no test.
 * Past 300 lines because it is data: one entry per promise, in the page's order.
 */

/** One promise as the security page shows it. */
export interface SecurityPromise {
  id: string;
  /** A short title. */
  title: string;
  /** What is promised, for a reader who has not seen the code. */
  text: string;
}

/** A group of promises (the checklist's sections A–G). */
export interface PromiseSection {
  title: string;
  promises: SecurityPromise[];
}

export const PROMISE_SECTIONS: PromiseSection[] = [
  {
    title: 'The algorithm',
    promises: [
      {
        id: 'S1',
        title: 'HOTP vectors',
        text: 'HOTP counters 0 to 9 give exactly the codes printed in RFC 4226, Appendix D.',
      },
      {
        id: 'S2',
        title: 'TOTP vectors',
        text: 'Every row of RFC 6238, Appendix B (SHA1, SHA256, SHA512, 8 digits) and its 6-digit SHA1 form matches. Codes are strings, so a leading zero is never lost.',
      },
      {
        id: 'S3',
        title: 'No 32-bit truncation',
        text: 'Time steps past 2^32 (the year 2603 and beyond in the vectors) are computed correctly.',
      },
      {
        id: 'S4',
        title: 'Independent implementation',
        text: "Codes for freshly generated secrets equal those of an independent implementation (Debian's oathtool where it is installed) for every allowed parameter set.",
      },
    ],
  },
  {
    title: 'Secrets',
    promises: [
      {
        id: 'S5',
        title: '160-bit secrets',
        text: 'New secrets are 20 random bytes (32 base32 characters). A secret shorter than 16 bytes is refused everywhere.',
      },
      {
        id: 'S6',
        title: 'CSPRNG only',
        text: 'Secrets, recovery codes and tokens come from the platform CSPRNG. Math.random is banned by the linter.',
      },
      {
        id: 'S7',
        title: 'Strict base32',
        text: 'Secrets are written in upper case without padding; reading accepts lower case, spaces and padding, and refuses anything else with a clear error.',
      },
      {
        id: 'S8',
        title: 'The server chooses the secret',
        text: 'No request can choose or replace the secret of an account.',
      },
    ],
  },
  {
    title: 'URI and QR code',
    promises: [
      {
        id: 'S9',
        title: 'Issuer twice, equal',
        text: 'The otpauth URI names the issuer as the label prefix and as the issuer parameter, and both agree. An empty issuer or account is refused.',
      },
      {
        id: 'S10',
        title: 'Hostile labels survive',
        text: 'A colon in the issuer or account is refused. Spaces, & # ? % +, non-Latin letters and HTML make the round trip URI → QR code → decoder → parser unchanged.',
      },
      {
        id: 'S11',
        title: 'Compatible defaults',
        text: 'SHA1, 6 digits and 30 seconds by default. Any other choice shows a warning that some authenticator apps ignore it; periods over 120 seconds are refused.',
      },
      {
        id: 'S12',
        title: 'The QR code is right',
        text: 'The QR code drawn in the browser decodes (with an independent decoder) to exactly the URI, and a code computed from it is accepted by the server.',
      },
    ],
  },
  {
    title: 'Verification',
    promises: [
      {
        id: 'S13',
        title: 'No replay',
        text: 'A code accepted once is never accepted again for that user: the last accepted time step is stored and earlier or equal steps are refused.',
      },
      {
        id: 'S14',
        title: 'Replay under a race',
        text: 'Twenty parallel submissions of one valid code: exactly one succeeds.',
      },
      {
        id: 'S15',
        title: 'Narrow window',
        text: 'The current time step and one step either side are accepted; two steps away is refused. A wider window is an explicit option.',
      },
      {
        id: 'S16',
        title: 'Server time only',
        text: 'Only the server clock counts; a timestamp sent by the client is ignored.',
      },
      {
        id: 'S17',
        title: 'Delta zero is a match',
        text: 'A match at the current step is accepted; no code path treats an offset of 0 as "no match".',
      },
      {
        id: 'S18',
        title: 'Bad input is not a wrong code',
        text: 'After removing spaces and dashes a code must be exactly the configured number of ASCII digits. Letters, wrong lengths, JSON numbers, arrays and other digit scripts are refused as bad input and do not count as attempts.',
      },
      { id: 'S19', title: 'Constant-time comparison', text: 'Codes are compared in constant time.' },
      {
        id: 'S20',
        title: 'Lockout',
        text: 'Failures are counted per account: after 5 in a row the account locks with a growing delay, and after 100 only an administrator can unlock it. The count survives new sessions, a correct password does not reset it, and a spoofed X-Forwarded-For changes nothing.',
      },
      {
        id: 'S21',
        title: 'Lockout under a race',
        text: 'Fifty concurrent wrong codes raise the failure count by exactly fifty.',
      },
      { id: 'S22', title: 'Uniform errors', text: 'A wrong code gets one answer; it never says which part was wrong.' },
    ],
  },
  {
    title: 'Enforcement and enrollment',
    promises: [
      {
        id: 'S23',
        title: 'The server is the lock',
        text: 'A session that passed only the password step gets 401 or 403 from every protected route; only the TOTP contract and sign-out answer it. The demo lists each of its routes that answers before TOTP, with the reason, in its route table, and its test walks every route of that table.',
      },
      {
        id: 'S24',
        title: 'Faked success opens nothing',
        text: "Faking a success answer in the browser opens no protected data: only the server's own record of the session counts.",
      },
      {
        id: 'S25',
        title: 'Pending until proven',
        text: 'A new secret stays pending until a code from it is verified. Abandoning enrollment changes nothing, and the pending secret (and so the QR code) stays the same across reloads of the same session until it expires (other sessions: S42).',
      },
      {
        id: 'S26',
        title: 'No silent re-enrollment',
        text: 'Starting a new enrollment while a factor is active is refused with 409, unless the session has just verified a code and the host explicitly allows re-enrollment.',
      },
      {
        id: 'S27',
        title: 'Audit trail',
        text: 'Enrollment, verification, failures, lock-outs, recovery-code use and resets each emit an audit event with time, user, session and outcome, and never the secret or a code.',
      },
      {
        id: 'S28',
        title: 'Session rotation hook',
        text: 'After the second factor passes the host gets a hook to rotate the session id; the demo uses it.',
      },
      {
        id: 'S29',
        title: 'Users come from the session',
        text: "A user id in a request body is ignored: A's code never signs in B.",
      },
      {
        id: 'S30',
        title: 'Recovery codes',
        text: 'Recovery codes are random with at least 50 bits each, stored only as salted hashes that cost something to guess against (HMAC-SHA-256 under a key derived from the encryptionKey, or scrypt without one), single use, throttled like TOTP codes; regenerating them needs a fresh TOTP code. Hashes from older versions (unsalted SHA-256) still verify and are upgraded on the next attempt.',
      },
      {
        id: 'S31',
        title: 'Exemptions expire',
        text: 'An exemption names its reason and may expire; once it has, enrollment is required again.',
      },
      {
        id: 'S32',
        title: 'Grace ends on time',
        text: 'A grace period ends exactly when the policy says; after it the user can no longer defer.',
      },
    ],
  },
  {
    title: 'Secret handling in the browser',
    promises: [
      {
        id: 'S33',
        title: 'Same origin only',
        text: "During enrollment the page talks only to the host's own origin. The secret and the otpauth URI never appear in a URL, and the QR code is drawn locally.",
      },
      {
        id: 'S34',
        title: 'Nothing stored',
        text: 'No secret, URI or recovery code is written to localStorage, sessionStorage, IndexedDB, Cache Storage or cookies; enrollment answers carry Cache-Control: no-store.',
      },
      {
        id: 'S35',
        title: 'Nothing logged',
        text: 'The secret, the URI, codes and recovery codes never appear in console output, server logs or error bodies.',
      },
      {
        id: 'S36',
        title: 'Secret kept out of the DOM surface',
        text: 'The secret is never an attribute or light-DOM text, is cleared from component state on success, cancel or disconnect, and the QR code’s accessible name never contains it.',
      },
      {
        id: 'S37',
        title: 'Copy on request',
        text: '"Copy" puts only the base32 secret on the clipboard, only after a click, and says so.',
      },
    ],
  },
  {
    title: 'Component hardening',
    promises: [
      {
        id: 'S38',
        title: 'Strict CSP and Trusted Types',
        text: "Under Content-Security-Policy: default-src 'self'; require-trusted-types-for 'script' the components run with zero violations.",
      },
      {
        id: 'S39',
        title: 'Text stays text',
        text: 'Script payloads in issuer, account, error text and messages render as text.',
      },
      {
        id: 'S40',
        title: 'Hostile answers fail closed',
        text: 'Malformed, truncated, oversized or hostile adapter answers become a typed bad-response error with a retry: never an open gate, never an uncaught exception.',
      },
      {
        id: 'S41',
        title: 'Failures keep your place',
        text: 'Network failures and timeouts leave the user where they were (a pending enrollment survives a failed confirm), and a retry works without scanning again.',
      },
    ],
  },
  {
    title: 'Sessions, stores and the host',
    promises: [
      {
        id: 'S42',
        title: 'Enrollment belongs to its session',
        text: 'A pending secret belongs to the session that started it: another session of the same user (someone who knows only the password) never receives it and gets a secret of its own. The first confirmation wins; every other session then gets 409. A session starting an enrollment while another one is pending emits its own audit event, `enrollment-started-elsewhere`.',
      },
      {
        id: 'S43',
        title: 'Verification expires',
        text: 'A passed code counts for a limited time (`verificationLifetimeSeconds`, 12 hours by default, the AAL2 limit of NIST SP 800-63B); after it the session answers `challenge-required` with `reason: "verification-expired"`. `guard(request, { maxAge })` asks for a fresher code on sensitive routes (`reason: "step-up"`), and `<totp-gate>` follows a session that falls back while the page is open: its `refresh()` shuts the app and shows the code field.',
      },
      {
        id: 'S44',
        title: 'Cross-site requests are refused',
        text: "A state-changing request (any method but GET, HEAD, OPTIONS) that the browser marks `Sec-Fetch-Site: cross-site`, or whose `Origin` is neither the request's own nor in `allowedOrigins`, gets `403 cross-origin` before the host's `identify` runs, on `handle(Request)`, `toNodeHandler` and the admin mount alike, and changes nothing: no record, failure count or audit event.",
      },
      {
        id: 'S45',
        title: 'Session records expire',
        text: 'Every session record carries an expiry (the verification lifetime; a deferral the end of the grace period), counts for nothing after it, is deleted when read after it, and `service.sweep()` deletes the rest. The user record keeps at most five pending enrollments and the recovery codes used in the last ten minutes, so nothing grows with the number of sign-ins.',
      },
      {
        id: 'S47',
        title: 'A used recovery code is no guess',
        text: 'A valid recovery code sent again (a double click, a retry, twenty parallel copies) is refused as `code-reused` without counting as a wrong guess, for ten minutes after its use; one copy signs in, the account is not locked.',
      },
      {
        id: 'S75',
        title: 'A reused recovery code is called one',
        text: '`<totp-challenge>` shows a recovery code refused as `code-reused` as "That recovery code was already used." (in every shipped language), never as an app code to wait for; the text loads with the recovery-code view, not on the sign-in path.',
      },
      {
        id: 'S48',
        title: 'Many processes, one truth',
        text: 'App processes sharing one store (an SQLite file, PostgreSQL, Redis) keep the replay rule and the failure count exact: tested with four Node processes against the real server, one valid code sent by all of them at once gives exactly one success, and every wrong code counts once.',
      },
      {
        id: 'S85',
        title: 'The failure count in its own column',
        text: 'The SQLite, PostgreSQL and Redis stores keep the failure count apart from the rest of the user record and a wrong code writes only the count, yet nothing is lost: concurrent changes of the count and of the record both survive, a change of another field made with a failure is stored with it, and a record written before the split keeps its count, so the next wrong code after an upgrade still locks the account.',
      },
      {
        id: 'S86',
        title: 'Decoded records are never stale',
        text: 'The SQLite and Redis stores keep the user records they decoded, so that a wrong code does not parse the whole record again, but use one only while the row (the key) holds exactly the text it was decoded from: a change, a count, a reset or a deletion written through another connection or process is read at once, inside a check-and-set too, and the records they hand out are frozen, so no caller can change what the next request reads.',
      },
      {
        id: 'S46',
        title: 'SQLite files are private',
        text: 'The SQLite store creates its database and the `-wal` and `-shm` files beside it readable and writable by their owner only (0600), whatever the process umask; a database file that exists already keeps the mode its owner gave it.',
      },
      {
        id: 'S70',
        title: 'A busy store fails closed',
        text: 'A store that cannot answer in time (a locked SQLite file, a PostgreSQL lock or statement timeout, Redis contention past its retry bound, a server that is down) changes nothing: the request answers 503 with Retry-After and a JSON error, never a 500, a hang or a guess.',
      },
      {
        id: 'S71',
        title: 'Status agrees while locked',
        text: '`GET /status` of a locked account says `attemptsLeft: 0` along with `state: "locked"` and `lockedUntil`; after a timed lock it says how many attempts are left before the next one.',
      },
    ],
  },
  {
    title: 'The demo app (Acme Portal)',
    promises: [
      {
        id: 'S72',
        title: 'The dev server serves no private file',
        text: "`npm run demo` never serves its database (`demo/.data/demo.sqlite`, `-wal`, `-shm`), its encryption key or its server sources, however the path is written (encoded, double-encoded, other letter case, `..`, `/@fs/`, `?raw`, `?import`); `/@fs/` reaches only the demo, the packages' built modules and the dependencies, and no other origin gets a CORS answer.",
      },
      {
        id: 'S73',
        title: 'Every demo API answer is JSON',
        text: "Every `/api/` answer of the demo is JSON without internals: TRACE and other methods get 405, unknown routes 404, a locked database 503 with `Retry-After` (after a 100 ms wait, not 5 s), and an error a route throws a bare 500; never the dev server's HTML error page, a stack trace or a path.",
      },
      {
        id: 'S74',
        title: 'Demo request bodies are capped',
        text: "A demo API request body past 4 KiB gets 413 and changes nothing, with or without `Content-Length` (chunked); malformed JSON gets 400. The TOTP contract is served through the library's own `toNodeHandler` path.",
      },
      {
        id: 'S76',
        title: 'Demo sign-in is throttled',
        text: "After 10 failed sign-ins for one account (from any addresses), or 20 from one client address (an IPv6 /64; across any accounts), within 15 minutes, sign-in answers 429 `too-many-attempts` with `Retry-After` without checking the password, until the oldest failure is 15 minutes old. The address is the connection's, never a header the client can forge.",
      },
      {
        id: 'S77',
        title: 'Failed sign-ins cannot flood the audit log',
        text: 'A failed sign-in of a known account writes one audit row, reaching a limit one more; refused attempts while throttled and unknown names write none. Each account keeps its newest 500 rows, and a list answer holds 40 at most.',
      },
    ],
  },
  {
    title: 'The life of an enrolled account',
    promises: [
      {
        id: 'S49',
        title: 'Adding an authenticator needs a recent code',
        text: 'Another authenticator app can be added only from a session that passed TOTP and entered a code in the last five minutes (step-up); otherwise the answer is `step-up-required` and nothing changes. Its secret is new, and each authenticator keeps its own name.',
      },
      {
        id: 'S50',
        title: 'The last authenticator stays',
        text: 'The only authenticator of a user cannot be removed while the policy requires TOTP for that user (`last-factor`); a refused removal changes nothing, and a removed authenticator signs nobody in any more.',
      },
      {
        id: 'S51',
        title: 'Replay protection per authenticator',
        text: 'Any authenticator signs in, and a time step accepted for one is never accepted for it again, also under twenty parallel requests (exactly one passes); a code spent on one authenticator does not spend another one.',
      },
      {
        id: 'S52',
        title: 'Remembered devices are listed and revocable',
        text: 'Remembered devices can be listed and forgotten one by one; an unknown id is refused with `unknown-id`.',
      },
      {
        id: 'S53',
        title: 'New recovery codes need a fresh code',
        text: 'New recovery codes are issued only for a fresh TOTP code (not a recovery code, not a session alone); the old ones stop working at once, and the answer says the real number of codes left. The account page warns when two or fewer remain.',
      },
      {
        id: 'S54',
        title: 'Old records keep working',
        text: 'A user record written with a single `factor` (before several authenticators existed) is read as one authenticator named "Authenticator" with its replay protection intact, and is rewritten in the new shape at its next change. Tested with an SQLite file written by the previous version.',
      },
      {
        id: 'S55',
        title: 'A recovery code leads to a new authenticator',
        text: 'Under `recoveryCodes.afterUse: "enroll"` or `"replace"`, a sign-in with a recovery code opens a short window (`enrollWindowSeconds`, default 15 minutes) in which the session can only set up a new authenticator: the guard, the account endpoints and new recovery codes refuse it. With `"replace"` the lost authenticator stops working once the new one is confirmed; with `"enroll"` it stays. After the window, or after an administrator\'s reset, the session is asked for a code again. The default, `"continue"`, signs the session in as before.',
      },
      {
        id: 'S56',
        title: 'Account changes are audited',
        text: 'Adding, confirming, renaming, replacing and removing an authenticator and "sign out other devices" each emit an audit event with user, session, outcome and the authenticator id, never a secret or a code.',
      },
      {
        id: 'S57',
        title: 'Sign out other devices',
        text: '"Sign out other devices" makes every other session of the user enter a code again and forgets every remembered device; the session that asked stays verified.',
      },
      {
        id: 'S58',
        title: 'A remembered device is one browser, and revocable',
        text: 'Off unless the policy enables `rememberDevice`. After a code passed and the user ticked "Don\'t ask again on this device", the server sets its own `HttpOnly`, `Secure`, `SameSite=Strict` `__Host-` cookie with 256 random bits it keeps only as a hash bound to the user, with an expiry and a label from the user agent. That cookie lets only this user in, only in that browser, only until it expires; another user\'s cookie, a forged token, an expired or revoked device, and any device after an authenticator was removed or replaced, "sign out other devices" or an administrator\'s reset are asked for a code. A session a remembered device let in has entered no code, so it never counts as a step-up.',
      },
      {
        id: 'S59',
        title: 'Names stay text',
        text: 'Authenticator names and device labels are bounded, refuse control characters, and render as text: markup in a name is shown, never run.',
      },
    ],
  },
  {
    title: "The administrator's tools",
    promises: [
      {
        id: 'S60',
        title: 'Every user, page by page',
        text: "The admin list pages through every user the store has a record of, in the store's own order, without gaps or repeats (memory, SQLite, PostgreSQL, Redis), and gives each one standing: enrolled with N authenticators, must enroll, in grace until, deferred, locked until or until an administrator unlocks, exempt with reason and end, last sign-in with a code. It filters by standing, role and a search text.",
      },
      {
        id: 'S61',
        title: 'Administrators only',
        text: "The admin routes refuse to start without the host's `authorize(request)`; a request it does not name an administrator gets `403 forbidden` from every admin route, over `handle(Request)` and node:http alike, and changes nothing. An `authorize` that throws is a bare 500, never a way in.",
      },
      {
        id: 'S62',
        title: 'A reason for every change',
        text: 'Reset, unlock and every exemption change need a reason (one line, at most 500 characters), and an exemption needs an end in the future, at most 366 days away; without them the answer is a 400 that names what is missing, and nothing changes.',
      },
      {
        id: 'S63',
        title: 'Unknown users are refused',
        text: 'Looking at, resetting, unlocking or exempting a user that neither TOTP Gate nor the host knows is a `404 unknown-user`, and creates no record.',
      },
      {
        id: 'S64',
        title: 'No secret in an admin answer',
        text: 'No admin answer, export or admin audit event holds a TOTP secret, a code, a recovery code or a stored hash.',
      },
      {
        id: 'S65',
        title: 'A reset forces enrollment',
        text: "After an administrator's reset the user's authenticators, recovery codes and verified sessions are gone: the old code and the old recovery codes are refused, the next sign-in must enroll, and the audit event names the administrator and the reason.",
      },
      {
        id: 'S66',
        title: 'Unlock and exemptions, audited',
        text: 'Unlock clears a lock (also at the hard limit) and keeps the authenticators. An exemption an administrator grants lets the user in until its end and no longer, can be changed and revoked, and each step emits an audit event with the administrator and the reason.',
      },
      {
        id: 'S67',
        title: 'A dry run before enforcing, and no self-lockout',
        text: 'A dry run of a candidate policy at a date reports who would be blocked, in grace (until when) and exempt, and writes nothing. A policy under which no administrator could sign in without enrolling on the spot is refused (`409 lockout-guard`, naming them) unless an administrator overrides it with a reason, which is audited.',
      },
      {
        id: 'S68',
        title: 'Exports without secrets or formulas',
        text: "The user list and the host's audit events export as CSV and JSON with named columns only: a field that is not one of them (even a secret a host put into an event) is dropped. Every CSV cell is quoted, and a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return) starts with `'`.",
      },
      {
        id: 'S69',
        title: 'Imported secrets are checked, sealed and never echoed',
        text: "`admin.importFactor` and `totp-gate import` (CSV or JSON Lines, also from the packed package) accept a base32, hex or otpauth secret only with at least 128 bits and the policy's algorithm, digits and period; it is sealed with the server's encryption key (the command refuses to run without one unless told `--allow-plain`), the import is audited, and no answer, refusal or summary line repeats a secret. `--dry-run` writes nothing.",
      },
      {
        id: 'S80',
        title: 'The admin client trusts no answer',
        text: '`createAdminClient` (`@totp-gate/core/admin`) checks every admin answer against its schema: an unknown standing, a reason with a line break, a control character in an id, a count out of range, a time that is not ISO 8601, an answer about another user than the one asked for, an over-large answer or an error page is a typed `bad-response` (or the error its status means), never a value; a field the schema does not name (a secret a server leaks) is dropped before the page sees it. It is tested against the real admin mount in Chromium.',
      },
      {
        id: 'S81',
        title: 'No change leaves the page without a reason',
        text: 'The admin client refuses a reset, unlock or exemption change without a reason (one line, at most 500 characters), an exemption without an end, and a malformed id or page size with a `bad-request` before anything is sent; a user id always travels as one escaped path segment.',
      },
      {
        id: 'S82',
        title: 'The admin page confirms every change, with a reason',
        text: "`<totp-admin>` carries out a reset, unlock or exemption change only from its confirmation screen, after a reason is typed (and, for an exemption, a last day from tomorrow to 365 days ahead is picked); until then nothing is sent. Against the real admin mount, a reset user must enroll again and the audit names the administrator. The list filters by standing, searches and pages; a user's detail shows their authenticators, recovery codes left, lock, exemption and last code and nothing secret, and leads back to the same page of the list with focus on their row; it works with the keyboard alone and passes axe in each state, the dry run's form and result included; the user list (with its filter) and the audit log download as CSV and JSON from plain links.",
      },
      {
        id: 'S83',
        title: 'The admin page shows text, progress and refusals',
        text: "Script in an account label, an id, an authenticator's name, an exemption reason or a dry run's ids is shown as text in `<totp-admin>`, never run. A slow page is announced as loading with the table marked busy, and a running dry run with its form marked busy; a refusal (not an administrator, unknown user, network trouble) is announced in words of the page's language (en, de, fr, es) and keeps what was typed.",
      },
      {
        id: 'S84',
        title: "The demo's admin page is the administrator's only",
        text: 'Acme Portal mounts the admin routes behind its own role check: only an account with the role `admin` whose session passed TOTP gets past `authorize`; signed out, a staff member, or carol before her code get `403 forbidden` from every admin route. Walked end to end: carol resets alice and exempts bob for a day, each with a reason; the administrator actions list names both, with who and why; alice must enroll again and bob is let in by his exemption.',
      },
    ],
  },
];

/** Every promise, in order. */
export const PROMISES: SecurityPromise[] = PROMISE_SECTIONS.flatMap((section) => section.promises);
