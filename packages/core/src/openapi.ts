/**
 * The REST contract v1 as an OpenAPI 3.1 document, generated from the zod schemas the HTTP
 * adapter validates every answer with (`z.toJSONSchema`, draft 2020-12, which OpenAPI 3.1 uses).
 * The build writes it to `dist/openapi.json` (`@totp-gate/core/openapi.json`), so teams on other
 * languages can implement or call the contract. Not part of the browser entry points.
 */
import * as z from 'zod/mini';
import {
  ALWAYS_ERRORS,
  CONTRACT_ERRORS,
  CONTRACT_OPERATIONS,
  CONTRACT_SCHEMAS,
  POST_ERRORS,
  type ContractErrorCode,
  type ContractOperation,
  type ContractSchemaName,
} from './openapi-operations.js';

export { CONTRACT_ERRORS, CONTRACT_OPERATIONS, type ContractOperation } from './openapi-operations.js';

type Json = Record<string, unknown>;

function schemaOf(name: ContractSchemaName): Json {
  const { $schema: _, ...json } = z.toJSONSchema(CONTRACT_SCHEMAS[name], { target: 'draft-2020-12' }) as Json;
  return json;
}

const ref = (name: ContractSchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ 'application/json': { schema } });

function responsesOf(operation: ContractOperation): Json {
  // 503: the store could not answer in time; nothing changed, and Retry-After says when to retry.
  // 403 cross-origin: a state-changing request from another site's page (S44).
  const always = operation.method === 'post' ? [...ALWAYS_ERRORS, ...POST_ERRORS] : ALWAYS_ERRORS;
  const byStatus = new Map<number, ContractErrorCode[]>();
  for (const code of [...always, ...operation.errors]) {
    const status = CONTRACT_ERRORS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const success: Json = { description: 'Success', content: json(ref(operation.response)) };
  if (operation.setsCookie !== undefined) {
    success['headers'] = { 'Set-Cookie': { description: operation.setsCookie, schema: { type: 'string' } } };
  }
  const responses: Json = { 200: success };
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
        tags: [operation.tag],
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
      version: '1.1.0',
      description:
        'The HTTP API between <totp-gate> (through createHttpBackend) and a server that enforces mandatory TOTP. ' +
        'Paths are relative to a base path the host chooses. Every POST is application/json (at most 4 kB; `{}` ' +
        'when an operation takes no body); every answer carries Cache-Control: no-store; times are ISO 8601 in ' +
        "UTC. The user is whoever the host's session says: a user id in a body is never trusted.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: basePath, description: 'The base path the host mounts the contract at' }],
    tags: [
      { name: 'sign-in', description: 'What <totp-gate> calls: status, enrollment, sign-in, recovery, deferral.' },
      {
        name: 'account',
        description:
          'Account management (v1 additions, <totp-manage>): several named authenticators, new recovery codes, ' +
          'remembered devices, signing out other devices. Every one needs a session that passed TOTP.',
      },
    ],
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.keys(CONTRACT_SCHEMAS).map((name) => [name, schemaOf(name as ContractSchemaName)]),
      ),
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
