/**
 * The REST contract v1 as an OpenAPI 3.1 document, generated from the zod schemas the HTTP
 * adapter validates every answer with (`z.toJSONSchema`, draft 2020-12, which OpenAPI 3.1 uses).
 * The build writes it to `dist/openapi.json` (`@totp-gate/core/openapi.json`), so teams on other
 * languages can implement or call the contract. Not part of the browser entry points.
 */
import * as z from 'zod/mini';
import {
  CodeBody,
  ConfirmResult,
  DeferResult,
  Enrollment,
  ErrorBody,
  RecoveryResult,
  ServerState,
  Status,
  VerifyResult,
} from './schemas.js';

/**
 * Why a session that passed a code must pass one again (S43): the verification lifetime ended
 * (`verification-expired`) or a route guarded with `maxAge` asked for a fresher code (`step-up`).
 * Described here, not in the browser's {@link Status}: the gate follows `state`, and the sign-in
 * bundle stays as small as it is; a host may show the reason.
 */
const ChallengeReason = z.enum(['verification-expired', 'step-up']);

/** `GET /status` as the reference server answers it: the browser's schema plus `reason`. */
const StatusAnswer = z.safeExtend(Status, {
  /** Optional extension: set when a session that was verified must pass a code again. */
  reason: z.optional(z.nullable(ChallengeReason)),
});

/**
 * The answer of `guard()` on the host's own protected routes: 403 with the state the session is
 * in and, for a session that was verified, why it must pass a code again.
 */
const TotpRequired = z.object({
  error: z.extend(ErrorBody.shape.error, {
    code: z.literal('totp-required'),
    state: ServerState,
    reason: z.optional(ChallengeReason),
  }),
});

const SCHEMAS = {
  Status: StatusAnswer,
  Enrollment,
  ConfirmResult,
  VerifyResult,
  RecoveryResult,
  DeferResult,
  CodeBody,
  ErrorBody,
  TotpRequired,
};
type SchemaName = keyof typeof SCHEMAS;

/** Every error code of the contract with its HTTP status (one status per code). */
export const CONTRACT_ERRORS = {
  'bad-request': 400,
  'invalid-code': 400,
  'code-reused': 400,
  unauthenticated: 401,
  'grace-expired': 403,
  'cross-origin': 403,
  'not-found': 404,
  'method-not-allowed': 405,
  'already-enrolled': 409,
  'enrollment-expired': 410,
  'unsupported-media-type': 415,
  locked: 429,
  unavailable: 503,
} as const;
type ErrorCode = keyof typeof CONTRACT_ERRORS;

/** One operation of the contract, relative to the host's base path. */
export interface ContractOperation {
  method: 'get' | 'post';
  path: `/${string}`;
  operationId: string;
  summary: string;
  /** The JSON body schema; null: the body is `{}` (POST) or absent (GET). */
  body: SchemaName | null;
  response: SchemaName;
  /** Errors besides those every operation may answer (401, 400, 503; 415 and 403 cross-origin for POST). */
  errors: ErrorCode[];
}

/** The operations of REST contract v1. */
export const CONTRACT_OPERATIONS: readonly ContractOperation[] = [
  {
    method: 'get',
    path: '/status',
    operationId: 'getStatus',
    summary: 'Where the signed-in user stands: the first call the gate makes.',
    body: null,
    response: 'Status',
    errors: [],
  },
  {
    method: 'post',
    path: '/enrollment',
    operationId: 'startEnrollment',
    summary: "Starts an enrollment, or returns this session's pending secret again. Refused when a factor is active.",
    body: null,
    response: 'Enrollment',
    errors: ['already-enrolled', 'locked'],
  },
  {
    method: 'post',
    path: '/enrollment/confirm',
    operationId: 'confirmEnrollment',
    summary: "Confirms this session's pending secret with a code; answers the recovery codes, once.",
    body: 'CodeBody',
    response: 'ConfirmResult',
    errors: ['invalid-code', 'code-reused', 'enrollment-expired', 'already-enrolled', 'locked'],
  },
  {
    method: 'post',
    path: '/verify',
    operationId: 'verify',
    summary: 'Verifies a code at sign-in and marks this session, and only this session, as verified.',
    body: 'CodeBody',
    response: 'VerifyResult',
    errors: ['invalid-code', 'code-reused', 'locked'],
  },
  {
    method: 'post',
    path: '/recovery',
    operationId: 'redeemRecoveryCode',
    summary: 'Signs in with a recovery code instead. Each code works once.',
    body: 'CodeBody',
    response: 'RecoveryResult',
    errors: ['invalid-code', 'code-reused', 'locked'],
  },
  {
    method: 'post',
    path: '/defer',
    operationId: 'defer',
    summary: 'Defers enrollment for this session, only inside a grace period.',
    body: null,
    response: 'DeferResult',
    errors: ['grace-expired'],
  },
];

type Json = Record<string, unknown>;

function schemaOf(name: SchemaName): Json {
  const { $schema: _, ...json } = z.toJSONSchema(SCHEMAS[name], { target: 'draft-2020-12' }) as Json;
  return json;
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ 'application/json': { schema } });

function responsesOf(operation: ContractOperation): Json {
  // 503: the store could not answer in time; nothing changed, and Retry-After says when to retry.
  const always: ErrorCode[] = ['unauthenticated', 'bad-request', 'unavailable'];
  // 403 cross-origin: a state-changing request from another site's page (S44).
  if (operation.method === 'post') always.push('unsupported-media-type', 'cross-origin');
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...always, ...operation.errors]) {
    const status = CONTRACT_ERRORS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Json = { 200: { description: 'Success', content: json(ref(operation.response)) } };
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: `Error: ${codes.join(', ')}`,
      ...((status === 429 || status === 503) && {
        headers: { 'Retry-After': { description: 'Seconds until a retry may pass', schema: { type: 'integer' } } },
      }),
      content: json({
        allOf: [ref('ErrorBody'), { properties: { error: { properties: { code: { enum: codes } } } } }],
      }),
    };
  }
  return responses;
}

/** The OpenAPI 3.1 document of REST contract v1. `basePath` becomes the server URL. */
export function contractOpenApi(basePath = '/api/totp'): Json {
  const paths: Record<string, Json> = {};
  for (const operation of CONTRACT_OPERATIONS) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method]: {
        operationId: operation.operationId,
        summary: operation.summary,
        security: [{ session: [] }],
        ...(operation.method === 'post' && {
          requestBody: {
            required: true,
            content: json(operation.body ? ref(operation.body) : { type: 'object', description: 'Send {}' }),
          },
        }),
        responses: responsesOf(operation),
      },
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'TOTP Gate REST contract',
      version: '1.0.0',
      description:
        'The HTTP API between <totp-gate> (through createHttpBackend) and a server that enforces mandatory TOTP. ' +
        'Paths are relative to a base path the host chooses. Every POST is application/json (at most 4 kB; `{}` ' +
        'when an operation takes no body); every answer carries Cache-Control: no-store; times are ISO 8601 in ' +
        "UTC. The user is whoever the host's session says: a user id in a body is never trusted.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: basePath, description: 'The base path the host mounts the contract at' }],
    paths,
    components: {
      schemas: Object.fromEntries(Object.keys(SCHEMAS).map((name) => [name, schemaOf(name as SchemaName)])),
      responses: {
        TotpRequired: {
          description:
            "What guard() answers on the host's own protected routes while the session has not passed TOTP, " +
            'its verification expired (reason verification-expired), or the route asked for a fresher code ' +
            '(guard(request, { maxAge }): reason step-up, and the whole session is back to challenge-required).',
          content: json(ref('TotpRequired')),
        },
      },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'session',
          description: "The host's own first-factor session (any cookie or header its identify() reads).",
        },
      },
    },
  };
}
