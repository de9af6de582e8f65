/**
 * The REST contract v1 as the docs show it: every endpoint with an example request and answer,
 * and every error. `restContract()` validates each example against the zod schema the HTTP
 * adapter and the server use, and derives the field tables from those schemas, so the page
 * cannot show a shape the code would refuse.
 *
 * Past 300 lines: mostly data (an example per endpoint and per error); the checks that hold the
 * examples to the schemas and the OpenAPI document sit after it, beside the data they check.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as z from 'zod/mini';
import {
  AddFactorBody,
  AddFactorResult,
  DeviceList,
  FactorList,
  IdBody,
  RegenerateResult,
  RenameFactorBody,
  SignOutOthersResult,
  VerifyBody,
  CodeBody,
  ConfirmResult,
  DeferResult,
  Enrollment,
  ErrorBody,
  RecoveryResult,
  Status,
  VerifyResult,
  buildOtpauthUri,
  parseOtpauthUri,
} from '@totp-gate/core';

const SCHEMAS = {
  Status,
  Enrollment,
  ConfirmResult,
  VerifyBody,
  VerifyResult,
  RecoveryResult,
  DeferResult,
  CodeBody,
  ErrorBody,
  FactorList,
  AddFactorBody,
  AddFactorResult,
  RenameFactorBody,
  IdBody,
  RegenerateResult,
  DeviceList,
  SignOutOthersResult,
};
export type SchemaName = keyof typeof SCHEMAS;

interface Endpoint {
  /** `account`: the account-management additions (a verified session; `<totp-manage>`). */
  group?: 'account';
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  body: SchemaName | null;
  response: SchemaName;
  exampleBody?: unknown;
  exampleResponse: unknown;
  /** Error codes this endpoint may answer with, besides `unauthenticated` and `bad-request`. */
  errors: string[];
}

/** alice's new authenticator at Acme, in the default parameters. */
const ALICE = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  issuer: 'Acme',
  account: 'alice@example.com',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
} as const;

/**
 * A new secret for alice, as `POST /enrollment` and `POST /factors` answer it, pending until
 * `expiresAt`; its URI built as the reference server builds it.
 */
function enrollmentExample(expiresAt: string) {
  return { otpauthUri: buildOtpauthUri(ALICE), ...ALICE, expiresAt };
}

/** The endpoints, relative to the base path the host chooses (`/api/totp` in the demo). */
export const ENDPOINTS: Endpoint[] = [
  {
    method: 'GET',
    path: '/status',
    summary: 'Where the signed-in user stands. The first call the gate makes.',
    body: null,
    response: 'Status',
    exampleResponse: {
      state: 'challenge-required',
      account: 'alice@example.com',
      issuer: 'Acme',
      graceEndsAt: null,
      lockedUntil: null,
      recoveryCodesLeft: 10,
      serverTime: '2026-01-15T09:30:00.000Z',
      digits: 6,
      attemptsLeft: 5,
    },
    errors: [],
  },
  {
    method: 'POST',
    path: '/enrollment',
    summary:
      'Starts an enrollment, or returns the same pending secret to the same session while it is pending (a reload does not change the QR code). Another session of the user gets a secret of its own, never this one; the first to confirm wins. Refused when a factor is active.',
    body: null,
    response: 'Enrollment',
    exampleResponse: enrollmentExample('2026-01-15T09:40:00.000Z'),
    errors: ['already-enrolled', 'locked'],
  },
  {
    method: 'POST',
    path: '/enrollment/confirm',
    summary:
      "Confirms this session's pending secret with a code from the authenticator. Answers the recovery codes, once. After another session confirmed first: `409 already-enrolled`.",
    body: 'CodeBody',
    response: 'ConfirmResult',
    exampleBody: { code: '492039' },
    exampleResponse: {
      state: 'verified',
      recoveryCodes: [
        'k7m2q-x9d4a',
        'p3w8z-h6n2c',
        'r5t7v-b2m9e',
        'd8f3g-q4k6s',
        'a2c9x-w7j5n',
        'm6h4p-t3r8z',
        'e9b2k-v5d7q',
        'g4n8s-c2x6w',
        'z7q3m-f9a5h',
        'j2v6d-n8p4t',
      ],
    },
    errors: ['invalid-code', 'code-reused', 'enrollment-expired', 'already-enrolled', 'locked'],
  },
  {
    method: 'POST',
    path: '/verify',
    summary:
      'Verifies a code at sign-in. Marks this session, and only this session, as verified. With `"rememberDevice": true`, and only where the policy offers remembered devices, the answer also sets the remembered-device cookie (HttpOnly, Secure, SameSite=Strict, `__Host-totp-device` by default): at the next sign-in in this browser `GET /status` answers `verified` without a code.',
    body: 'VerifyBody',
    response: 'VerifyResult',
    exampleBody: { code: '815204' },
    exampleResponse: { state: 'verified' },
    errors: ['invalid-code', 'code-reused', 'locked'],
  },
  {
    method: 'POST',
    path: '/recovery',
    summary:
      'Signs in with a recovery code instead (with or without the dash). Each code works once. Under the policy\'s `recoveryCodes.afterUse: "enroll"` or `"replace"` the answer is `state: "enrollment-required"`: for `enrollWindowSeconds` the session may only set up a new authenticator (`POST /enrollment`, `POST /enrollment/confirm`); with `"replace"` the new one replaces the lost one.',
    body: 'CodeBody',
    response: 'RecoveryResult',
    exampleBody: { code: 'k7m2q-x9d4a' },
    exampleResponse: { state: 'verified', recoveryCodesLeft: 9 },
    errors: ['invalid-code', 'code-reused', 'locked'],
  },
  {
    method: 'POST',
    path: '/defer',
    summary: 'Defers enrollment for this session, only inside a grace period.',
    body: null,
    response: 'DeferResult',
    exampleResponse: { state: 'deferred', graceEndsAt: '2026-01-22T00:00:00.000Z' },
    errors: ['grace-expired', 'already-enrolled', 'locked'],
  },
];

const FACTOR = {
  id: 'f7Kq2',
  name: 'Work phone',
  createdAt: '2026-01-15T09:30:00.000Z',
  lastUsedAt: '2026-01-20T08:02:11.000Z',
};
const TABLET = { id: 'f9Xw4', name: 'Tablet', createdAt: '2026-01-21T18:00:00.000Z', lastUsedAt: null };
const DEVICES = {
  devices: [
    {
      id: 'd3Lm8',
      label: 'Firefox on Linux',
      createdAt: '2026-01-20T08:02:11.000Z',
      expiresAt: '2026-02-19T08:02:11.000Z',
      current: true,
    },
  ],
  rememberDays: 30,
};

/**
 * The account-management additions to v1. Every one needs a session that passed TOTP
 * (`totp-required` otherwise); adding or removing an authenticator needs a code from the last
 * five minutes (`step-up-required` otherwise: verify one with `POST /verify`, then retry).
 */
export const ACCOUNT_ENDPOINTS: Endpoint[] = [
  {
    group: 'account',
    method: 'GET',
    path: '/factors',
    summary: 'The authenticator apps of the signed-in user, oldest first, and whether the last one may be removed.',
    body: null,
    response: 'FactorList',
    exampleResponse: { factors: [FACTOR], canRemoveLast: false },
    errors: ['totp-required'],
  },
  {
    group: 'account',
    method: 'POST',
    path: '/factors',
    summary:
      'Starts enrolling another authenticator app with its name (and, with `replaces`, the one it replaces: "I have a new phone"). The pending secret belongs to this session.',
    body: 'AddFactorBody',
    response: 'Enrollment',
    exampleBody: { name: 'Tablet' },
    exampleResponse: enrollmentExample('2026-01-21T18:10:00.000Z'),
    errors: ['totp-required', 'step-up-required', 'unknown-id'],
  },
  {
    group: 'account',
    method: 'POST',
    path: '/factors/confirm',
    summary:
      'Confirms the new authenticator with a code from it. Answers the new one, the list as it now is, and what was removed (the replaced one).',
    body: 'CodeBody',
    response: 'AddFactorResult',
    exampleBody: { code: '307512' },
    exampleResponse: { factor: TABLET, factors: [FACTOR, TABLET], removed: [] },
    errors: ['totp-required', 'invalid-code', 'enrollment-expired', 'locked'],
  },
  {
    group: 'account',
    method: 'POST',
    path: '/factors/rename',
    summary: 'Renames an authenticator app (1 to 64 characters, no control characters).',
    body: 'RenameFactorBody',
    response: 'FactorList',
    exampleBody: { id: 'f9Xw4', name: 'Home tablet' },
    exampleResponse: { factors: [FACTOR, { ...TABLET, name: 'Home tablet' }], canRemoveLast: false },
    errors: ['totp-required', 'unknown-id'],
  },
  {
    group: 'account',
    method: 'POST',
    path: '/factors/remove',
    summary:
      'Removes an authenticator app; never the last one while the policy requires TOTP. Remembered devices are forgotten.',
    body: 'IdBody',
    response: 'FactorList',
    exampleBody: { id: 'f9Xw4' },
    exampleResponse: { factors: [FACTOR], canRemoveLast: false },
    errors: ['totp-required', 'step-up-required', 'last-factor', 'unknown-id'],
  },
  {
    group: 'account',
    method: 'POST',
    path: '/recovery-codes',
    summary:
      'New recovery codes for a fresh TOTP code (not a session alone, not a recovery code); the old ones stop working at once.',
    body: 'CodeBody',
    response: 'RegenerateResult',
    exampleBody: { code: '561902' },
    exampleResponse: {
      recoveryCodes: ['k7m2q-x9d4a', 'p3w8z-h6n2c', 'r5t7v-b2m9e', 'd8f3g-q4k6s', 'a2c9x-w7j5n'],
      recoveryCodesLeft: 5,
    },
    errors: ['totp-required', 'invalid-code', 'code-reused', 'locked'],
  },
  {
    group: 'account',
    method: 'GET',
    path: '/devices',
    summary:
      'The remembered devices (browsers that skip the code), and for how many days the policy remembers one (`null`: not offered, the default).',
    body: null,
    response: 'DeviceList',
    exampleResponse: DEVICES,
    errors: ['totp-required'],
  },
  {
    group: 'account',
    method: 'POST',
    path: '/devices/revoke',
    summary: 'Forgets one remembered device: it must enter a code at its next sign-in.',
    body: 'IdBody',
    response: 'DeviceList',
    exampleBody: { id: 'd3Lm8' },
    exampleResponse: { devices: [], rememberDays: 30 },
    errors: ['totp-required', 'unknown-id'],
  },
  {
    group: 'account',
    method: 'POST',
    path: '/sign-out-others',
    summary:
      'Every other session of the user must enter a code again, and every remembered device is forgotten. This session stays verified.',
    body: null,
    response: 'SignOutOthersResult',
    exampleResponse: { devicesRevoked: 1 },
    errors: ['totp-required'],
  },
];

interface ErrorRow {
  code: string;
  status: number;
  when: string;
  example: unknown;
}

/** A row whose example answer carries the same code: `{error: {code, message, …extra}}`. */
function errorRow(code: string, status: number, when: string, message: string, extra: object = {}): ErrorRow {
  return { code, status, when, example: { error: { code, message, ...extra } } };
}

/** Every error answer: `{error: {code, message, …}}`. */
export const ERRORS: ErrorRow[] = [
  errorRow(
    'unauthenticated',
    401,
    'Nobody is signed in with the first factor (`identify` returned null).',
    'Sign in first.',
  ),
  errorRow('invalid-code', 400, 'The code did not match. Says nothing about why (S22).', 'That code is not right.', {
    attemptsLeft: 4,
  }),
  errorRow(
    'code-reused',
    400,
    'The code matched a time step that was already accepted (S13). Wait for the next code.',
    'That code was already used. Wait for the next one.',
  ),
  errorRow(
    'enrollment-expired',
    410,
    'The pending secret ran out. Start again with `POST /enrollment`.',
    'The enrollment expired. Start again.',
  ),
  errorRow(
    'already-enrolled',
    409,
    'A factor is active; a new enrollment is refused (S26).',
    'An authenticator is already set up.',
  ),
  errorRow(
    'grace-expired',
    403,
    'The grace period is over (or there is none); deferring is no longer possible.',
    'The grace period is over.',
  ),
  errorRow(
    'locked',
    429,
    'Too many failures. `retryAfter` (seconds) and the `Retry-After` header say when to try again; both are absent when only an administrator can unlock.',
    'Too many attempts. Try again later.',
    { retryAfter: 60 },
  ),
  errorRow(
    'bad-request',
    400,
    'Malformed input: invalid JSON, a code that is not a string of digits (S18); status 413 for a body over 4 kB. Not counted as a failed attempt.',
    'The code must be 6 digits.',
  ),
  errorRow('unsupported-media-type', 415, 'A POST whose body is not `application/json`.', 'Send JSON.'),
  errorRow(
    'not-found',
    404,
    'A path under the base path that is not part of the contract.',
    'There is no such TOTP endpoint.',
  ),
  errorRow(
    'method-not-allowed',
    405,
    'A known path with the wrong method (the `Allow` header says which).',
    'Use POST for /verify.',
  ),
  errorRow(
    'cross-origin',
    403,
    "A POST whose `Origin` (or `Sec-Fetch-Site`) says another site's page sent it (S44). Refused before your `identify` runs.",
    'Cross-site requests are refused.',
  ),
  errorRow(
    'unavailable',
    503,
    'The store could not answer in time. Nothing changed; `Retry-After` says when to try again.',
    'The service is busy. Try again.',
    { retryAfter: 1 },
  ),
  errorRow(
    'totp-required',
    403,
    'From `guard()` on a protected route, and from the account endpoints: the session has not passed TOTP. Carries the current `state`.',
    'Two-factor authentication required.',
    { state: 'enrollment-required' },
  ),
];

/** The errors only the account-management endpoints answer with. */
export const ACCOUNT_ERRORS: ErrorRow[] = [
  errorRow(
    'step-up-required',
    403,
    'Adding or removing an authenticator needs a code from the last five minutes. Verify one (`POST /verify`), then send the request again.',
    'Enter a current code first.',
  ),
  errorRow(
    'last-factor',
    409,
    'The only authenticator cannot be removed while the policy requires TOTP for this user.',
    'The only authenticator cannot be removed.',
  ),
  errorRow(
    'unknown-id',
    404,
    'No authenticator or remembered device of this user has this id (any more).',
    'There is no authenticator with this id.',
  ),
];

/** One field of a schema, derived from the schema itself. */
export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
}

export interface RestContract {
  endpoints: Array<Endpoint & { exampleBodyJson: string | null; exampleResponseJson: string; status: number }>;
  errors: Array<ErrorRow & { exampleJson: string }>;
  schemas: Record<string, FieldRow[]>;
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

function typeOf(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.type === 'array') return `${schema.items ? typeOf(schema.items) : 'unknown'}[]`;
  if (schema.type === 'object') {
    const props = Object.entries(schema.properties ?? {}).map(
      ([k, v]) => `${k}${schema.required?.includes(k) ? '' : '?'}: ${typeOf(v)}`,
    );
    return `{ ${props.join('; ')} }`;
  }
  return Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'unknown');
}

/** The fields of a schema, from the schema. */
export function fieldsOf(name: SchemaName): FieldRow[] {
  const json = z.toJSONSchema(SCHEMAS[name], { unrepresentable: 'any' }) as JsonSchema;
  return Object.entries(json.properties ?? {}).map(([field, schema]) => ({
    name: field,
    type: typeOf(schema).replace(/\bnumber\b/g, 'integer'),
    required: json.required?.includes(field) ?? false,
  }));
}

/** Validates `value` against the named schema; throws a message naming the example when it fails. */
export function checkExample(name: SchemaName, value: unknown, what: string): void {
  const result = SCHEMAS[name].safeParse(value);
  if (!result.success) {
    throw new Error(`The docs example for ${what} does not match ${name}: ${JSON.stringify(result.error.issues)}`);
  }
}

/** What every operation may answer, so the tables leave them out (the OpenAPI document lists them). */
const EVERYWHERE = new Set(['unauthenticated', 'bad-request', 'unavailable', 'unsupported-media-type', 'cross-origin']);

/** The error codes of one status, where `openapi.ts` writes them: `allOf[1]…error.properties.code.enum`. */
interface ErrorResponse {
  content?: {
    'application/json'?: {
      schema?: { allOf?: Array<{ properties?: { error?: { properties?: { code?: { enum?: string[] } } } } }> };
    };
  };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, ErrorResponse> }>>;
}

/** Core's generated OpenAPI document (`@totp-gate/core/openapi.json`; core must be built). */
function openApiDocument(): OpenApiDocument {
  const file = createRequire(import.meta.url).resolve('@totp-gate/core/openapi.json');
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

/** The error codes the OpenAPI document gives an operation, besides those every one may answer. */
function documentedErrors(document: OpenApiDocument, method: string, path: string): string[] {
  const operation = document.paths[path]?.[method.toLowerCase()];
  if (operation === undefined) throw new Error(`${method} ${path} is not in the OpenAPI document.`);
  const codes = Object.entries(operation.responses)
    .filter(([status]) => status !== '200')
    .flatMap(([, response]): string[] => {
      const schema = response.content?.['application/json']?.schema;
      return schema?.allOf?.[1]?.properties?.error?.properties?.code?.enum ?? [];
    });
  return codes.filter((code) => !EVERYWHERE.has(code)).sort();
}

/**
 * Throws unless the tables and the OpenAPI document name the same operations, each with the same
 * errors: both describe one contract, so neither may list what the other does not.
 */
export function checkAgainstOpenApi(endpoints: Endpoint[], document = openApiDocument()): void {
  const listed = endpoints.map((e) => `${e.method.toLowerCase()} ${e.path}`).sort();
  const operations = Object.entries(document.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
    .sort();
  if (JSON.stringify(listed) !== JSON.stringify(operations)) {
    throw new Error(`The docs list ${listed.join(', ')}; the OpenAPI document has ${operations.join(', ')}.`);
  }
  for (const e of endpoints) {
    const documented = documentedErrors(document, e.method, e.path);
    const shown = e.errors.filter((code) => !EVERYWHERE.has(code)).sort();
    if (JSON.stringify(shown) !== JSON.stringify(documented)) {
      throw new Error(
        `${e.method} ${e.path}: the docs list ${shown.join(', ')}; OpenAPI has ${documented.join(', ')}.`,
      );
    }
  }
}

/** The contract with every example checked. Throws on the first example the schemas refuse. */
export function restContract(): RestContract {
  const all = [...ENDPOINTS, ...ACCOUNT_ENDPOINTS];
  const allErrors = [...ERRORS, ...ACCOUNT_ERRORS];
  for (const endpoint of all) {
    const what = `${endpoint.method} ${endpoint.path}`;
    if (endpoint.body) checkExample(endpoint.body, endpoint.exampleBody, `${what} (request)`);
    else if (endpoint.exampleBody !== undefined) throw new Error(`${what} takes no body but the docs show one.`);
    checkExample(endpoint.response, endpoint.exampleResponse, `${what} (answer)`);
    for (const code of endpoint.errors) {
      if (!allErrors.some((e) => e.code === code)) throw new Error(`${what} names an undocumented error ${code}.`);
    }
  }
  const enrollment = ENDPOINTS.find((e) => e.response === 'Enrollment')!.exampleResponse as Enrollment;
  const parsed = parseOtpauthUri(enrollment.otpauthUri);
  if (
    parsed.secret !== enrollment.secret ||
    parsed.issuer !== enrollment.issuer ||
    parsed.account !== enrollment.account
  ) {
    throw new Error('The example otpauth URI does not carry the example secret, issuer and account.');
  }
  for (const error of allErrors) checkExample('ErrorBody', error.example, `the ${error.code} error`);
  checkAgainstOpenApi(all);

  const used = new Set<SchemaName>(['ErrorBody']);
  for (const e of all) {
    used.add(e.response);
    if (e.body) used.add(e.body);
  }
  return {
    endpoints: all.map((e) => ({
      ...e,
      status: 200,
      exampleBodyJson: e.exampleBody === undefined ? null : JSON.stringify(e.exampleBody, null, 2),
      exampleResponseJson: JSON.stringify(e.exampleResponse, null, 2),
    })),
    errors: allErrors.map((e) => ({ ...e, exampleJson: JSON.stringify(e.example) })),
    schemas: Object.fromEntries([...used].map((name) => [name, fieldsOf(name)])),
  };
}
