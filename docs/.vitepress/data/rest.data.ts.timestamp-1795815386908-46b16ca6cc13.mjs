// .vitepress/data/rest.data.ts
import { defineLoader } from 'file:///work/main/node_modules/vitepress/dist/node/index.js';

// .vitepress/data/rest-contract.ts
import * as z from 'file:///work/main/node_modules/zod/mini/index.js';
import {
  CodeBody,
  ConfirmResult,
  DeferResult,
  Enrollment,
  ErrorBody,
  RecoveryResult,
  Status,
  VerifyResult,
  parseOtpauthUri,
} from 'file:///work/main/packages/core/dist/index.js';
var SCHEMAS = { Status, Enrollment, ConfirmResult, VerifyResult, RecoveryResult, DeferResult, CodeBody, ErrorBody };
var SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
var ENDPOINTS = [
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
      'Starts an enrollment, or returns the same pending secret while it is pending (a reload does not change the QR code). Refused when a factor is active.',
    body: null,
    response: 'Enrollment',
    exampleResponse: {
      otpauthUri: `otpauth://totp/Acme:alice%40example.com?secret=${SECRET}&issuer=Acme&algorithm=SHA1&digits=6&period=30`,
      secret: SECRET,
      issuer: 'Acme',
      account: 'alice@example.com',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      expiresAt: '2026-01-15T09:40:00.000Z',
    },
    errors: ['already-enrolled', 'locked'],
  },
  {
    method: 'POST',
    path: '/enrollment/confirm',
    summary: 'Confirms the pending secret with a code from the authenticator. Answers the recovery codes, once.',
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
    summary: 'Verifies a code at sign-in. Marks this session, and only this session, as verified.',
    body: 'CodeBody',
    response: 'VerifyResult',
    exampleBody: { code: '815204' },
    exampleResponse: { state: 'verified' },
    errors: ['invalid-code', 'code-reused', 'locked'],
  },
  {
    method: 'POST',
    path: '/recovery',
    summary: 'Signs in with a recovery code instead (with or without the dash). Each code works once.',
    body: 'CodeBody',
    response: 'RecoveryResult',
    exampleBody: { code: 'k7m2q-x9d4a' },
    exampleResponse: { state: 'verified', recoveryCodesLeft: 9 },
    errors: ['invalid-code', 'locked'],
  },
  {
    method: 'POST',
    path: '/defer',
    summary: 'Defers enrollment for this session, only inside a grace period.',
    body: null,
    response: 'DeferResult',
    exampleResponse: { state: 'deferred', graceEndsAt: '2026-01-22T00:00:00.000Z' },
    errors: ['grace-expired'],
  },
];
var ERRORS = [
  {
    code: 'unauthenticated',
    status: 401,
    when: 'Nobody is signed in with the first factor (`identify` returned null).',
    example: { error: { code: 'unauthenticated', message: 'Sign in first.' } },
  },
  {
    code: 'invalid-code',
    status: 400,
    when: 'The code did not match. Says nothing about why (S22).',
    example: { error: { code: 'invalid-code', message: 'That code is not right.', attemptsLeft: 4 } },
  },
  {
    code: 'code-reused',
    status: 400,
    when: 'The code matched a time step that was already accepted (S13). Wait for the next code.',
    example: { error: { code: 'code-reused', message: 'That code was already used. Wait for the next one.' } },
  },
  {
    code: 'enrollment-expired',
    status: 410,
    when: 'The pending secret ran out. Start again with `POST /enrollment`.',
    example: { error: { code: 'enrollment-expired', message: 'The enrollment expired. Start again.' } },
  },
  {
    code: 'already-enrolled',
    status: 409,
    when: 'A factor is active; a new enrollment is refused (S26).',
    example: { error: { code: 'already-enrolled', message: 'An authenticator is already set up.' } },
  },
  {
    code: 'grace-expired',
    status: 403,
    when: 'The grace period is over (or there is none); deferring is no longer possible.',
    example: { error: { code: 'grace-expired', message: 'The grace period is over.' } },
  },
  {
    code: 'locked',
    status: 429,
    when: 'Too many failures. `retryAfter` (seconds) and the `Retry-After` header say when to try again; both are absent when only an administrator can unlock.',
    example: { error: { code: 'locked', message: 'Too many attempts. Try again later.', retryAfter: 60 } },
  },
  {
    code: 'bad-request',
    status: 400,
    when: 'Malformed input: invalid JSON, a body over 4 kB, a code that is not a string of digits (S18). Not counted as a failed attempt.',
    example: { error: { code: 'bad-request', message: 'The code must be 6 digits.' } },
  },
  {
    code: 'unsupported-media-type',
    status: 415,
    when: 'A POST whose body is not `application/json`.',
    example: { error: { code: 'unsupported-media-type', message: 'Send JSON.' } },
  },
  {
    code: 'totp-required',
    status: 403,
    when: 'From `guard()` on a protected route: the session has not passed TOTP. Carries the current `state`.',
    example: {
      error: { code: 'totp-required', message: 'Two-factor authentication required.', state: 'enrollment-required' },
    },
  },
];
function typeOf(schema) {
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.const !== void 0) return JSON.stringify(schema.const);
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
function fieldsOf(name) {
  const json = z.toJSONSchema(SCHEMAS[name], { unrepresentable: 'any' });
  return Object.entries(json.properties ?? {}).map(([field, schema]) => ({
    name: field,
    type: typeOf(schema).replace(/\bnumber\b/g, 'integer'),
    required: json.required?.includes(field) ?? false,
  }));
}
function checkExample(name, value, what) {
  const result = SCHEMAS[name].safeParse(value);
  if (!result.success) {
    throw new Error(`The docs example for ${what} does not match ${name}: ${JSON.stringify(result.error.issues)}`);
  }
}
function restContract() {
  for (const endpoint of ENDPOINTS) {
    const what = `${endpoint.method} ${endpoint.path}`;
    if (endpoint.body) checkExample(endpoint.body, endpoint.exampleBody, `${what} (request)`);
    else if (endpoint.exampleBody !== void 0) throw new Error(`${what} takes no body but the docs show one.`);
    checkExample(endpoint.response, endpoint.exampleResponse, `${what} (answer)`);
    for (const code of endpoint.errors) {
      if (!ERRORS.some((e) => e.code === code)) throw new Error(`${what} names an undocumented error ${code}.`);
    }
  }
  const enrollment = ENDPOINTS.find((e) => e.response === 'Enrollment').exampleResponse;
  const parsed = parseOtpauthUri(enrollment.otpauthUri);
  if (
    parsed.secret !== enrollment.secret ||
    parsed.issuer !== enrollment.issuer ||
    parsed.account !== enrollment.account
  ) {
    throw new Error('The example otpauth URI does not carry the example secret, issuer and account.');
  }
  for (const error of ERRORS) checkExample('ErrorBody', error.example, `the ${error.code} error`);
  const used = /* @__PURE__ */ new Set(['ErrorBody']);
  for (const e of ENDPOINTS) {
    used.add(e.response);
    if (e.body) used.add(e.body);
  }
  return {
    endpoints: ENDPOINTS.map((e) => ({
      ...e,
      status: 200,
      exampleBodyJson: e.exampleBody === void 0 ? null : JSON.stringify(e.exampleBody, null, 2),
      exampleResponseJson: JSON.stringify(e.exampleResponse, null, 2),
    })),
    errors: ERRORS.map((e) => ({ ...e, exampleJson: JSON.stringify(e.example) })),
    schemas: Object.fromEntries([...used].map((name) => [name, fieldsOf(name)])),
  };
}

// .vitepress/data/rest.data.ts
var rest_data_default = defineLoader({
  load: () => restContract(),
});
export { rest_data_default as default };
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLnZpdGVwcmVzcy9kYXRhL3Jlc3QuZGF0YS50cyIsICIudml0ZXByZXNzL2RhdGEvcmVzdC1jb250cmFjdC50cyJdLAogICJzb3VyY2VzQ29udGVudCI6IFsiY29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2Rpcm5hbWUgPSBcIi93b3JrL21haW4vZG9jcy8udml0ZXByZXNzL2RhdGFcIjtjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZmlsZW5hbWUgPSBcIi93b3JrL21haW4vZG9jcy8udml0ZXByZXNzL2RhdGEvcmVzdC5kYXRhLnRzXCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ltcG9ydF9tZXRhX3VybCA9IFwiZmlsZTovLy93b3JrL21haW4vZG9jcy8udml0ZXByZXNzL2RhdGEvcmVzdC5kYXRhLnRzXCI7LyoqIEJ1aWxkLXRpbWUgZGF0YSBmb3IgdGhlIFJFU1QgY29udHJhY3QgcGFnZTogZXhhbXBsZXMgY2hlY2tlZCBhZ2FpbnN0IHRoZSB6b2Qgc2NoZW1hcy4gKi9cbmltcG9ydCB7IGRlZmluZUxvYWRlciB9IGZyb20gJ3ZpdGVwcmVzcyc7XG5pbXBvcnQgeyByZXN0Q29udHJhY3QsIHR5cGUgUmVzdENvbnRyYWN0IH0gZnJvbSAnLi9yZXN0LWNvbnRyYWN0LmpzJztcblxuZGVjbGFyZSBjb25zdCBkYXRhOiBSZXN0Q29udHJhY3Q7XG5leHBvcnQgeyBkYXRhIH07XG5cbmV4cG9ydCBkZWZhdWx0IGRlZmluZUxvYWRlcih7XG4gIGxvYWQ6ICgpOiBSZXN0Q29udHJhY3QgPT4gcmVzdENvbnRyYWN0KCksXG59KTtcbiIsICJjb25zdCBfX3ZpdGVfaW5qZWN0ZWRfb3JpZ2luYWxfZGlybmFtZSA9IFwiL3dvcmsvbWFpbi9kb2NzLy52aXRlcHJlc3MvZGF0YVwiO2NvbnN0IF9fdml0ZV9pbmplY3RlZF9vcmlnaW5hbF9maWxlbmFtZSA9IFwiL3dvcmsvbWFpbi9kb2NzLy52aXRlcHJlc3MvZGF0YS9yZXN0LWNvbnRyYWN0LnRzXCI7Y29uc3QgX192aXRlX2luamVjdGVkX29yaWdpbmFsX2ltcG9ydF9tZXRhX3VybCA9IFwiZmlsZTovLy93b3JrL21haW4vZG9jcy8udml0ZXByZXNzL2RhdGEvcmVzdC1jb250cmFjdC50c1wiOy8qKlxuICogVGhlIFJFU1QgY29udHJhY3QgdjEgYXMgdGhlIGRvY3Mgc2hvdyBpdDogZXZlcnkgZW5kcG9pbnQgd2l0aCBhbiBleGFtcGxlIHJlcXVlc3QgYW5kIGFuc3dlcixcbiAqIGFuZCBldmVyeSBlcnJvci4gYHJlc3RDb250cmFjdCgpYCB2YWxpZGF0ZXMgZWFjaCBleGFtcGxlIGFnYWluc3QgdGhlIHpvZCBzY2hlbWEgdGhlIEhUVFBcbiAqIGFkYXB0ZXIgYW5kIHRoZSBzZXJ2ZXIgdXNlLCBhbmQgZGVyaXZlcyB0aGUgZmllbGQgdGFibGVzIGZyb20gdGhvc2Ugc2NoZW1hcywgc28gdGhlIHBhZ2VcbiAqIGNhbm5vdCBzaG93IGEgc2hhcGUgdGhlIGNvZGUgd291bGQgcmVmdXNlLlxuICovXG5pbXBvcnQgKiBhcyB6IGZyb20gJ3pvZC9taW5pJztcbmltcG9ydCB7XG4gIENvZGVCb2R5LFxuICBDb25maXJtUmVzdWx0LFxuICBEZWZlclJlc3VsdCxcbiAgRW5yb2xsbWVudCxcbiAgRXJyb3JCb2R5LFxuICBSZWNvdmVyeVJlc3VsdCxcbiAgU3RhdHVzLFxuICBWZXJpZnlSZXN1bHQsXG4gIHBhcnNlT3RwYXV0aFVyaSxcbn0gZnJvbSAnQHRvdHAtZ2F0ZS9jb3JlJztcblxuY29uc3QgU0NIRU1BUyA9IHsgU3RhdHVzLCBFbnJvbGxtZW50LCBDb25maXJtUmVzdWx0LCBWZXJpZnlSZXN1bHQsIFJlY292ZXJ5UmVzdWx0LCBEZWZlclJlc3VsdCwgQ29kZUJvZHksIEVycm9yQm9keSB9O1xuZXhwb3J0IHR5cGUgU2NoZW1hTmFtZSA9IGtleW9mIHR5cGVvZiBTQ0hFTUFTO1xuXG5pbnRlcmZhY2UgRW5kcG9pbnQge1xuICBtZXRob2Q6ICdHRVQnIHwgJ1BPU1QnO1xuICBwYXRoOiBzdHJpbmc7XG4gIHN1bW1hcnk6IHN0cmluZztcbiAgYm9keTogU2NoZW1hTmFtZSB8IG51bGw7XG4gIHJlc3BvbnNlOiBTY2hlbWFOYW1lO1xuICBleGFtcGxlQm9keT86IHVua25vd247XG4gIGV4YW1wbGVSZXNwb25zZTogdW5rbm93bjtcbiAgLyoqIEVycm9yIGNvZGVzIHRoaXMgZW5kcG9pbnQgbWF5IGFuc3dlciB3aXRoLCBiZXNpZGVzIGB1bmF1dGhlbnRpY2F0ZWRgIGFuZCBgYmFkLXJlcXVlc3RgLiAqL1xuICBlcnJvcnM6IHN0cmluZ1tdO1xufVxuXG5jb25zdCBTRUNSRVQgPSAnSkJTV1kzRFBFSFBLM1BYUEpCU1dZM0RQRUhQSzNQWFAnO1xuXG4vKiogVGhlIGVuZHBvaW50cywgcmVsYXRpdmUgdG8gdGhlIGJhc2UgcGF0aCB0aGUgaG9zdCBjaG9vc2VzIChgL2FwaS90b3RwYCBpbiB0aGUgZGVtbykuICovXG5leHBvcnQgY29uc3QgRU5EUE9JTlRTOiBFbmRwb2ludFtdID0gW1xuICB7XG4gICAgbWV0aG9kOiAnR0VUJyxcbiAgICBwYXRoOiAnL3N0YXR1cycsXG4gICAgc3VtbWFyeTogJ1doZXJlIHRoZSBzaWduZWQtaW4gdXNlciBzdGFuZHMuIFRoZSBmaXJzdCBjYWxsIHRoZSBnYXRlIG1ha2VzLicsXG4gICAgYm9keTogbnVsbCxcbiAgICByZXNwb25zZTogJ1N0YXR1cycsXG4gICAgZXhhbXBsZVJlc3BvbnNlOiB7XG4gICAgICBzdGF0ZTogJ2NoYWxsZW5nZS1yZXF1aXJlZCcsXG4gICAgICBhY2NvdW50OiAnYWxpY2VAZXhhbXBsZS5jb20nLFxuICAgICAgaXNzdWVyOiAnQWNtZScsXG4gICAgICBncmFjZUVuZHNBdDogbnVsbCxcbiAgICAgIGxvY2tlZFVudGlsOiBudWxsLFxuICAgICAgcmVjb3ZlcnlDb2Rlc0xlZnQ6IDEwLFxuICAgICAgc2VydmVyVGltZTogJzIwMjYtMDEtMTVUMDk6MzA6MDAuMDAwWicsXG4gICAgICBkaWdpdHM6IDYsXG4gICAgICBhdHRlbXB0c0xlZnQ6IDUsXG4gICAgfSxcbiAgICBlcnJvcnM6IFtdLFxuICB9LFxuICB7XG4gICAgbWV0aG9kOiAnUE9TVCcsXG4gICAgcGF0aDogJy9lbnJvbGxtZW50JyxcbiAgICBzdW1tYXJ5OlxuICAgICAgJ1N0YXJ0cyBhbiBlbnJvbGxtZW50LCBvciByZXR1cm5zIHRoZSBzYW1lIHBlbmRpbmcgc2VjcmV0IHdoaWxlIGl0IGlzIHBlbmRpbmcgKGEgcmVsb2FkIGRvZXMgbm90IGNoYW5nZSB0aGUgUVIgY29kZSkuIFJlZnVzZWQgd2hlbiBhIGZhY3RvciBpcyBhY3RpdmUuJyxcbiAgICBib2R5OiBudWxsLFxuICAgIHJlc3BvbnNlOiAnRW5yb2xsbWVudCcsXG4gICAgZXhhbXBsZVJlc3BvbnNlOiB7XG4gICAgICBvdHBhdXRoVXJpOiBgb3RwYXV0aDovL3RvdHAvQWNtZTphbGljZSU0MGV4YW1wbGUuY29tP3NlY3JldD0ke1NFQ1JFVH0maXNzdWVyPUFjbWUmYWxnb3JpdGhtPVNIQTEmZGlnaXRzPTYmcGVyaW9kPTMwYCxcbiAgICAgIHNlY3JldDogU0VDUkVULFxuICAgICAgaXNzdWVyOiAnQWNtZScsXG4gICAgICBhY2NvdW50OiAnYWxpY2VAZXhhbXBsZS5jb20nLFxuICAgICAgYWxnb3JpdGhtOiAnU0hBMScsXG4gICAgICBkaWdpdHM6IDYsXG4gICAgICBwZXJpb2Q6IDMwLFxuICAgICAgZXhwaXJlc0F0OiAnMjAyNi0wMS0xNVQwOTo0MDowMC4wMDBaJyxcbiAgICB9LFxuICAgIGVycm9yczogWydhbHJlYWR5LWVucm9sbGVkJywgJ2xvY2tlZCddLFxuICB9LFxuICB7XG4gICAgbWV0aG9kOiAnUE9TVCcsXG4gICAgcGF0aDogJy9lbnJvbGxtZW50L2NvbmZpcm0nLFxuICAgIHN1bW1hcnk6ICdDb25maXJtcyB0aGUgcGVuZGluZyBzZWNyZXQgd2l0aCBhIGNvZGUgZnJvbSB0aGUgYXV0aGVudGljYXRvci4gQW5zd2VycyB0aGUgcmVjb3ZlcnkgY29kZXMsIG9uY2UuJyxcbiAgICBib2R5OiAnQ29kZUJvZHknLFxuICAgIHJlc3BvbnNlOiAnQ29uZmlybVJlc3VsdCcsXG4gICAgZXhhbXBsZUJvZHk6IHsgY29kZTogJzQ5MjAzOScgfSxcbiAgICBleGFtcGxlUmVzcG9uc2U6IHtcbiAgICAgIHN0YXRlOiAndmVyaWZpZWQnLFxuICAgICAgcmVjb3ZlcnlDb2RlczogW1xuICAgICAgICAnazdtMnEteDlkNGEnLFxuICAgICAgICAncDN3OHotaDZuMmMnLFxuICAgICAgICAncjV0N3YtYjJtOWUnLFxuICAgICAgICAnZDhmM2ctcTRrNnMnLFxuICAgICAgICAnYTJjOXgtdzdqNW4nLFxuICAgICAgICAnbTZoNHAtdDNyOHonLFxuICAgICAgICAnZTliMmstdjVkN3EnLFxuICAgICAgICAnZzRuOHMtYzJ4NncnLFxuICAgICAgICAnejdxM20tZjlhNWgnLFxuICAgICAgICAnajJ2NmQtbjhwNHQnLFxuICAgICAgXSxcbiAgICB9LFxuICAgIGVycm9yczogWydpbnZhbGlkLWNvZGUnLCAnY29kZS1yZXVzZWQnLCAnZW5yb2xsbWVudC1leHBpcmVkJywgJ2FscmVhZHktZW5yb2xsZWQnLCAnbG9ja2VkJ10sXG4gIH0sXG4gIHtcbiAgICBtZXRob2Q6ICdQT1NUJyxcbiAgICBwYXRoOiAnL3ZlcmlmeScsXG4gICAgc3VtbWFyeTogJ1ZlcmlmaWVzIGEgY29kZSBhdCBzaWduLWluLiBNYXJrcyB0aGlzIHNlc3Npb24sIGFuZCBvbmx5IHRoaXMgc2Vzc2lvbiwgYXMgdmVyaWZpZWQuJyxcbiAgICBib2R5OiAnQ29kZUJvZHknLFxuICAgIHJlc3BvbnNlOiAnVmVyaWZ5UmVzdWx0JyxcbiAgICBleGFtcGxlQm9keTogeyBjb2RlOiAnODE1MjA0JyB9LFxuICAgIGV4YW1wbGVSZXNwb25zZTogeyBzdGF0ZTogJ3ZlcmlmaWVkJyB9LFxuICAgIGVycm9yczogWydpbnZhbGlkLWNvZGUnLCAnY29kZS1yZXVzZWQnLCAnbG9ja2VkJ10sXG4gIH0sXG4gIHtcbiAgICBtZXRob2Q6ICdQT1NUJyxcbiAgICBwYXRoOiAnL3JlY292ZXJ5JyxcbiAgICBzdW1tYXJ5OiAnU2lnbnMgaW4gd2l0aCBhIHJlY292ZXJ5IGNvZGUgaW5zdGVhZCAod2l0aCBvciB3aXRob3V0IHRoZSBkYXNoKS4gRWFjaCBjb2RlIHdvcmtzIG9uY2UuJyxcbiAgICBib2R5OiAnQ29kZUJvZHknLFxuICAgIHJlc3BvbnNlOiAnUmVjb3ZlcnlSZXN1bHQnLFxuICAgIGV4YW1wbGVCb2R5OiB7IGNvZGU6ICdrN20ycS14OWQ0YScgfSxcbiAgICBleGFtcGxlUmVzcG9uc2U6IHsgc3RhdGU6ICd2ZXJpZmllZCcsIHJlY292ZXJ5Q29kZXNMZWZ0OiA5IH0sXG4gICAgZXJyb3JzOiBbJ2ludmFsaWQtY29kZScsICdsb2NrZWQnXSxcbiAgfSxcbiAge1xuICAgIG1ldGhvZDogJ1BPU1QnLFxuICAgIHBhdGg6ICcvZGVmZXInLFxuICAgIHN1bW1hcnk6ICdEZWZlcnMgZW5yb2xsbWVudCBmb3IgdGhpcyBzZXNzaW9uLCBvbmx5IGluc2lkZSBhIGdyYWNlIHBlcmlvZC4nLFxuICAgIGJvZHk6IG51bGwsXG4gICAgcmVzcG9uc2U6ICdEZWZlclJlc3VsdCcsXG4gICAgZXhhbXBsZVJlc3BvbnNlOiB7IHN0YXRlOiAnZGVmZXJyZWQnLCBncmFjZUVuZHNBdDogJzIwMjYtMDEtMjJUMDA6MDA6MDAuMDAwWicgfSxcbiAgICBlcnJvcnM6IFsnZ3JhY2UtZXhwaXJlZCddLFxuICB9LFxuXTtcblxuaW50ZXJmYWNlIEVycm9yUm93IHtcbiAgY29kZTogc3RyaW5nO1xuICBzdGF0dXM6IG51bWJlcjtcbiAgd2hlbjogc3RyaW5nO1xuICBleGFtcGxlOiB1bmtub3duO1xufVxuXG4vKiogRXZlcnkgZXJyb3IgYW5zd2VyOiBge2Vycm9yOiB7Y29kZSwgbWVzc2FnZSwgXHUyMDI2fX1gLiAqL1xuZXhwb3J0IGNvbnN0IEVSUk9SUzogRXJyb3JSb3dbXSA9IFtcbiAge1xuICAgIGNvZGU6ICd1bmF1dGhlbnRpY2F0ZWQnLFxuICAgIHN0YXR1czogNDAxLFxuICAgIHdoZW46ICdOb2JvZHkgaXMgc2lnbmVkIGluIHdpdGggdGhlIGZpcnN0IGZhY3RvciAoYGlkZW50aWZ5YCByZXR1cm5lZCBudWxsKS4nLFxuICAgIGV4YW1wbGU6IHsgZXJyb3I6IHsgY29kZTogJ3VuYXV0aGVudGljYXRlZCcsIG1lc3NhZ2U6ICdTaWduIGluIGZpcnN0LicgfSB9LFxuICB9LFxuICB7XG4gICAgY29kZTogJ2ludmFsaWQtY29kZScsXG4gICAgc3RhdHVzOiA0MDAsXG4gICAgd2hlbjogJ1RoZSBjb2RlIGRpZCBub3QgbWF0Y2guIFNheXMgbm90aGluZyBhYm91dCB3aHkgKFMyMikuJyxcbiAgICBleGFtcGxlOiB7IGVycm9yOiB7IGNvZGU6ICdpbnZhbGlkLWNvZGUnLCBtZXNzYWdlOiAnVGhhdCBjb2RlIGlzIG5vdCByaWdodC4nLCBhdHRlbXB0c0xlZnQ6IDQgfSB9LFxuICB9LFxuICB7XG4gICAgY29kZTogJ2NvZGUtcmV1c2VkJyxcbiAgICBzdGF0dXM6IDQwMCxcbiAgICB3aGVuOiAnVGhlIGNvZGUgbWF0Y2hlZCBhIHRpbWUgc3RlcCB0aGF0IHdhcyBhbHJlYWR5IGFjY2VwdGVkIChTMTMpLiBXYWl0IGZvciB0aGUgbmV4dCBjb2RlLicsXG4gICAgZXhhbXBsZTogeyBlcnJvcjogeyBjb2RlOiAnY29kZS1yZXVzZWQnLCBtZXNzYWdlOiAnVGhhdCBjb2RlIHdhcyBhbHJlYWR5IHVzZWQuIFdhaXQgZm9yIHRoZSBuZXh0IG9uZS4nIH0gfSxcbiAgfSxcbiAge1xuICAgIGNvZGU6ICdlbnJvbGxtZW50LWV4cGlyZWQnLFxuICAgIHN0YXR1czogNDEwLFxuICAgIHdoZW46ICdUaGUgcGVuZGluZyBzZWNyZXQgcmFuIG91dC4gU3RhcnQgYWdhaW4gd2l0aCBgUE9TVCAvZW5yb2xsbWVudGAuJyxcbiAgICBleGFtcGxlOiB7IGVycm9yOiB7IGNvZGU6ICdlbnJvbGxtZW50LWV4cGlyZWQnLCBtZXNzYWdlOiAnVGhlIGVucm9sbG1lbnQgZXhwaXJlZC4gU3RhcnQgYWdhaW4uJyB9IH0sXG4gIH0sXG4gIHtcbiAgICBjb2RlOiAnYWxyZWFkeS1lbnJvbGxlZCcsXG4gICAgc3RhdHVzOiA0MDksXG4gICAgd2hlbjogJ0EgZmFjdG9yIGlzIGFjdGl2ZTsgYSBuZXcgZW5yb2xsbWVudCBpcyByZWZ1c2VkIChTMjYpLicsXG4gICAgZXhhbXBsZTogeyBlcnJvcjogeyBjb2RlOiAnYWxyZWFkeS1lbnJvbGxlZCcsIG1lc3NhZ2U6ICdBbiBhdXRoZW50aWNhdG9yIGlzIGFscmVhZHkgc2V0IHVwLicgfSB9LFxuICB9LFxuICB7XG4gICAgY29kZTogJ2dyYWNlLWV4cGlyZWQnLFxuICAgIHN0YXR1czogNDAzLFxuICAgIHdoZW46ICdUaGUgZ3JhY2UgcGVyaW9kIGlzIG92ZXIgKG9yIHRoZXJlIGlzIG5vbmUpOyBkZWZlcnJpbmcgaXMgbm8gbG9uZ2VyIHBvc3NpYmxlLicsXG4gICAgZXhhbXBsZTogeyBlcnJvcjogeyBjb2RlOiAnZ3JhY2UtZXhwaXJlZCcsIG1lc3NhZ2U6ICdUaGUgZ3JhY2UgcGVyaW9kIGlzIG92ZXIuJyB9IH0sXG4gIH0sXG4gIHtcbiAgICBjb2RlOiAnbG9ja2VkJyxcbiAgICBzdGF0dXM6IDQyOSxcbiAgICB3aGVuOiAnVG9vIG1hbnkgZmFpbHVyZXMuIGByZXRyeUFmdGVyYCAoc2Vjb25kcykgYW5kIHRoZSBgUmV0cnktQWZ0ZXJgIGhlYWRlciBzYXkgd2hlbiB0byB0cnkgYWdhaW47IGJvdGggYXJlIGFic2VudCB3aGVuIG9ubHkgYW4gYWRtaW5pc3RyYXRvciBjYW4gdW5sb2NrLicsXG4gICAgZXhhbXBsZTogeyBlcnJvcjogeyBjb2RlOiAnbG9ja2VkJywgbWVzc2FnZTogJ1RvbyBtYW55IGF0dGVtcHRzLiBUcnkgYWdhaW4gbGF0ZXIuJywgcmV0cnlBZnRlcjogNjAgfSB9LFxuICB9LFxuICB7XG4gICAgY29kZTogJ2JhZC1yZXF1ZXN0JyxcbiAgICBzdGF0dXM6IDQwMCxcbiAgICB3aGVuOiAnTWFsZm9ybWVkIGlucHV0OiBpbnZhbGlkIEpTT04sIGEgYm9keSBvdmVyIDQga0IsIGEgY29kZSB0aGF0IGlzIG5vdCBhIHN0cmluZyBvZiBkaWdpdHMgKFMxOCkuIE5vdCBjb3VudGVkIGFzIGEgZmFpbGVkIGF0dGVtcHQuJyxcbiAgICBleGFtcGxlOiB7IGVycm9yOiB7IGNvZGU6ICdiYWQtcmVxdWVzdCcsIG1lc3NhZ2U6ICdUaGUgY29kZSBtdXN0IGJlIDYgZGlnaXRzLicgfSB9LFxuICB9LFxuICB7XG4gICAgY29kZTogJ3Vuc3VwcG9ydGVkLW1lZGlhLXR5cGUnLFxuICAgIHN0YXR1czogNDE1LFxuICAgIHdoZW46ICdBIFBPU1Qgd2hvc2UgYm9keSBpcyBub3QgYGFwcGxpY2F0aW9uL2pzb25gLicsXG4gICAgZXhhbXBsZTogeyBlcnJvcjogeyBjb2RlOiAndW5zdXBwb3J0ZWQtbWVkaWEtdHlwZScsIG1lc3NhZ2U6ICdTZW5kIEpTT04uJyB9IH0sXG4gIH0sXG4gIHtcbiAgICBjb2RlOiAndG90cC1yZXF1aXJlZCcsXG4gICAgc3RhdHVzOiA0MDMsXG4gICAgd2hlbjogJ0Zyb20gYGd1YXJkKClgIG9uIGEgcHJvdGVjdGVkIHJvdXRlOiB0aGUgc2Vzc2lvbiBoYXMgbm90IHBhc3NlZCBUT1RQLiBDYXJyaWVzIHRoZSBjdXJyZW50IGBzdGF0ZWAuJyxcbiAgICBleGFtcGxlOiB7XG4gICAgICBlcnJvcjogeyBjb2RlOiAndG90cC1yZXF1aXJlZCcsIG1lc3NhZ2U6ICdUd28tZmFjdG9yIGF1dGhlbnRpY2F0aW9uIHJlcXVpcmVkLicsIHN0YXRlOiAnZW5yb2xsbWVudC1yZXF1aXJlZCcgfSxcbiAgICB9LFxuICB9LFxuXTtcblxuLyoqIE9uZSBmaWVsZCBvZiBhIHNjaGVtYSwgZGVyaXZlZCBmcm9tIHRoZSBzY2hlbWEgaXRzZWxmLiAqL1xuZXhwb3J0IGludGVyZmFjZSBGaWVsZFJvdyB7XG4gIG5hbWU6IHN0cmluZztcbiAgdHlwZTogc3RyaW5nO1xuICByZXF1aXJlZDogYm9vbGVhbjtcbn1cblxuZXhwb3J0IGludGVyZmFjZSBSZXN0Q29udHJhY3Qge1xuICBlbmRwb2ludHM6IEFycmF5PEVuZHBvaW50ICYgeyBleGFtcGxlQm9keUpzb246IHN0cmluZyB8IG51bGw7IGV4YW1wbGVSZXNwb25zZUpzb246IHN0cmluZzsgc3RhdHVzOiBudW1iZXIgfT47XG4gIGVycm9yczogQXJyYXk8RXJyb3JSb3cgJiB7IGV4YW1wbGVKc29uOiBzdHJpbmcgfT47XG4gIHNjaGVtYXM6IFJlY29yZDxzdHJpbmcsIEZpZWxkUm93W10+O1xufVxuXG5pbnRlcmZhY2UgSnNvblNjaGVtYSB7XG4gIHR5cGU/OiBzdHJpbmcgfCBzdHJpbmdbXTtcbiAgZW51bT86IHVua25vd25bXTtcbiAgY29uc3Q/OiB1bmtub3duO1xuICBhbnlPZj86IEpzb25TY2hlbWFbXTtcbiAgcHJvcGVydGllcz86IFJlY29yZDxzdHJpbmcsIEpzb25TY2hlbWE+O1xuICByZXF1aXJlZD86IHN0cmluZ1tdO1xuICBpdGVtcz86IEpzb25TY2hlbWE7XG59XG5cbmZ1bmN0aW9uIHR5cGVPZihzY2hlbWE6IEpzb25TY2hlbWEpOiBzdHJpbmcge1xuICBpZiAoc2NoZW1hLmFueU9mKSByZXR1cm4gc2NoZW1hLmFueU9mLm1hcCh0eXBlT2YpLmpvaW4oJyB8ICcpO1xuICBpZiAoc2NoZW1hLmNvbnN0ICE9PSB1bmRlZmluZWQpIHJldHVybiBKU09OLnN0cmluZ2lmeShzY2hlbWEuY29uc3QpO1xuICBpZiAoc2NoZW1hLmVudW0pIHJldHVybiBzY2hlbWEuZW51bS5tYXAoKHYpID0+IEpTT04uc3RyaW5naWZ5KHYpKS5qb2luKCcgfCAnKTtcbiAgaWYgKHNjaGVtYS50eXBlID09PSAnYXJyYXknKSByZXR1cm4gYCR7c2NoZW1hLml0ZW1zID8gdHlwZU9mKHNjaGVtYS5pdGVtcykgOiAndW5rbm93bid9W11gO1xuICBpZiAoc2NoZW1hLnR5cGUgPT09ICdvYmplY3QnKSB7XG4gICAgY29uc3QgcHJvcHMgPSBPYmplY3QuZW50cmllcyhzY2hlbWEucHJvcGVydGllcyA/PyB7fSkubWFwKFxuICAgICAgKFtrLCB2XSkgPT4gYCR7a30ke3NjaGVtYS5yZXF1aXJlZD8uaW5jbHVkZXMoaykgPyAnJyA6ICc/J306ICR7dHlwZU9mKHYpfWAsXG4gICAgKTtcbiAgICByZXR1cm4gYHsgJHtwcm9wcy5qb2luKCc7ICcpfSB9YDtcbiAgfVxuICByZXR1cm4gQXJyYXkuaXNBcnJheShzY2hlbWEudHlwZSkgPyBzY2hlbWEudHlwZS5qb2luKCcgfCAnKSA6IChzY2hlbWEudHlwZSA/PyAndW5rbm93bicpO1xufVxuXG4vKiogVGhlIGZpZWxkcyBvZiBhIHNjaGVtYSwgZnJvbSB0aGUgc2NoZW1hLiAqL1xuZXhwb3J0IGZ1bmN0aW9uIGZpZWxkc09mKG5hbWU6IFNjaGVtYU5hbWUpOiBGaWVsZFJvd1tdIHtcbiAgY29uc3QganNvbiA9IHoudG9KU09OU2NoZW1hKFNDSEVNQVNbbmFtZV0sIHsgdW5yZXByZXNlbnRhYmxlOiAnYW55JyB9KSBhcyBKc29uU2NoZW1hO1xuICByZXR1cm4gT2JqZWN0LmVudHJpZXMoanNvbi5wcm9wZXJ0aWVzID8/IHt9KS5tYXAoKFtmaWVsZCwgc2NoZW1hXSkgPT4gKHtcbiAgICBuYW1lOiBmaWVsZCxcbiAgICB0eXBlOiB0eXBlT2Yoc2NoZW1hKS5yZXBsYWNlKC9cXGJudW1iZXJcXGIvZywgJ2ludGVnZXInKSxcbiAgICByZXF1aXJlZDoganNvbi5yZXF1aXJlZD8uaW5jbHVkZXMoZmllbGQpID8/IGZhbHNlLFxuICB9KSk7XG59XG5cbi8qKiBWYWxpZGF0ZXMgYHZhbHVlYCBhZ2FpbnN0IHRoZSBuYW1lZCBzY2hlbWE7IHRocm93cyBhIG1lc3NhZ2UgbmFtaW5nIHRoZSBleGFtcGxlIHdoZW4gaXQgZmFpbHMuICovXG5leHBvcnQgZnVuY3Rpb24gY2hlY2tFeGFtcGxlKG5hbWU6IFNjaGVtYU5hbWUsIHZhbHVlOiB1bmtub3duLCB3aGF0OiBzdHJpbmcpOiB2b2lkIHtcbiAgY29uc3QgcmVzdWx0ID0gU0NIRU1BU1tuYW1lXS5zYWZlUGFyc2UodmFsdWUpO1xuICBpZiAoIXJlc3VsdC5zdWNjZXNzKSB7XG4gICAgdGhyb3cgbmV3IEVycm9yKGBUaGUgZG9jcyBleGFtcGxlIGZvciAke3doYXR9IGRvZXMgbm90IG1hdGNoICR7bmFtZX06ICR7SlNPTi5zdHJpbmdpZnkocmVzdWx0LmVycm9yLmlzc3Vlcyl9YCk7XG4gIH1cbn1cblxuLyoqIFRoZSBjb250cmFjdCB3aXRoIGV2ZXJ5IGV4YW1wbGUgY2hlY2tlZC4gVGhyb3dzIG9uIHRoZSBmaXJzdCBleGFtcGxlIHRoZSBzY2hlbWFzIHJlZnVzZS4gKi9cbmV4cG9ydCBmdW5jdGlvbiByZXN0Q29udHJhY3QoKTogUmVzdENvbnRyYWN0IHtcbiAgZm9yIChjb25zdCBlbmRwb2ludCBvZiBFTkRQT0lOVFMpIHtcbiAgICBjb25zdCB3aGF0ID0gYCR7ZW5kcG9pbnQubWV0aG9kfSAke2VuZHBvaW50LnBhdGh9YDtcbiAgICBpZiAoZW5kcG9pbnQuYm9keSkgY2hlY2tFeGFtcGxlKGVuZHBvaW50LmJvZHksIGVuZHBvaW50LmV4YW1wbGVCb2R5LCBgJHt3aGF0fSAocmVxdWVzdClgKTtcbiAgICBlbHNlIGlmIChlbmRwb2ludC5leGFtcGxlQm9keSAhPT0gdW5kZWZpbmVkKSB0aHJvdyBuZXcgRXJyb3IoYCR7d2hhdH0gdGFrZXMgbm8gYm9keSBidXQgdGhlIGRvY3Mgc2hvdyBvbmUuYCk7XG4gICAgY2hlY2tFeGFtcGxlKGVuZHBvaW50LnJlc3BvbnNlLCBlbmRwb2ludC5leGFtcGxlUmVzcG9uc2UsIGAke3doYXR9IChhbnN3ZXIpYCk7XG4gICAgZm9yIChjb25zdCBjb2RlIG9mIGVuZHBvaW50LmVycm9ycykge1xuICAgICAgaWYgKCFFUlJPUlMuc29tZSgoZSkgPT4gZS5jb2RlID09PSBjb2RlKSkgdGhyb3cgbmV3IEVycm9yKGAke3doYXR9IG5hbWVzIGFuIHVuZG9jdW1lbnRlZCBlcnJvciAke2NvZGV9LmApO1xuICAgIH1cbiAgfVxuICBjb25zdCBlbnJvbGxtZW50ID0gRU5EUE9JTlRTLmZpbmQoKGUpID0+IGUucmVzcG9uc2UgPT09ICdFbnJvbGxtZW50JykhLmV4YW1wbGVSZXNwb25zZSBhcyBFbnJvbGxtZW50O1xuICBjb25zdCBwYXJzZWQgPSBwYXJzZU90cGF1dGhVcmkoZW5yb2xsbWVudC5vdHBhdXRoVXJpKTtcbiAgaWYgKFxuICAgIHBhcnNlZC5zZWNyZXQgIT09IGVucm9sbG1lbnQuc2VjcmV0IHx8XG4gICAgcGFyc2VkLmlzc3VlciAhPT0gZW5yb2xsbWVudC5pc3N1ZXIgfHxcbiAgICBwYXJzZWQuYWNjb3VudCAhPT0gZW5yb2xsbWVudC5hY2NvdW50XG4gICkge1xuICAgIHRocm93IG5ldyBFcnJvcignVGhlIGV4YW1wbGUgb3RwYXV0aCBVUkkgZG9lcyBub3QgY2FycnkgdGhlIGV4YW1wbGUgc2VjcmV0LCBpc3N1ZXIgYW5kIGFjY291bnQuJyk7XG4gIH1cbiAgZm9yIChjb25zdCBlcnJvciBvZiBFUlJPUlMpIGNoZWNrRXhhbXBsZSgnRXJyb3JCb2R5JywgZXJyb3IuZXhhbXBsZSwgYHRoZSAke2Vycm9yLmNvZGV9IGVycm9yYCk7XG5cbiAgY29uc3QgdXNlZCA9IG5ldyBTZXQ8U2NoZW1hTmFtZT4oWydFcnJvckJvZHknXSk7XG4gIGZvciAoY29uc3QgZSBvZiBFTkRQT0lOVFMpIHtcbiAgICB1c2VkLmFkZChlLnJlc3BvbnNlKTtcbiAgICBpZiAoZS5ib2R5KSB1c2VkLmFkZChlLmJvZHkpO1xuICB9XG4gIHJldHVybiB7XG4gICAgZW5kcG9pbnRzOiBFTkRQT0lOVFMubWFwKChlKSA9PiAoe1xuICAgICAgLi4uZSxcbiAgICAgIHN0YXR1czogMjAwLFxuICAgICAgZXhhbXBsZUJvZHlKc29uOiBlLmV4YW1wbGVCb2R5ID09PSB1bmRlZmluZWQgPyBudWxsIDogSlNPTi5zdHJpbmdpZnkoZS5leGFtcGxlQm9keSwgbnVsbCwgMiksXG4gICAgICBleGFtcGxlUmVzcG9uc2VKc29uOiBKU09OLnN0cmluZ2lmeShlLmV4YW1wbGVSZXNwb25zZSwgbnVsbCwgMiksXG4gICAgfSkpLFxuICAgIGVycm9yczogRVJST1JTLm1hcCgoZSkgPT4gKHsgLi4uZSwgZXhhbXBsZUpzb246IEpTT04uc3RyaW5naWZ5KGUuZXhhbXBsZSkgfSkpLFxuICAgIHNjaGVtYXM6IE9iamVjdC5mcm9tRW50cmllcyhbLi4udXNlZF0ubWFwKChuYW1lKSA9PiBbbmFtZSwgZmllbGRzT2YobmFtZSldKSksXG4gIH07XG59XG4iXSwKICAibWFwcGluZ3MiOiAiO0FBQ0EsU0FBUyxvQkFBb0I7OztBQ0s3QixZQUFZLE9BQU87QUFDbkI7QUFBQSxFQUNFO0FBQUEsRUFDQTtBQUFBLEVBQ0E7QUFBQSxFQUNBO0FBQUEsRUFDQTtBQUFBLEVBQ0E7QUFBQSxFQUNBO0FBQUEsRUFDQTtBQUFBLEVBQ0E7QUFBQSxPQUNLO0FBRVAsSUFBTSxVQUFVLEVBQUUsUUFBUSxZQUFZLGVBQWUsY0FBYyxnQkFBZ0IsYUFBYSxVQUFVLFVBQVU7QUFlcEgsSUFBTSxTQUFTO0FBR1IsSUFBTSxZQUF3QjtBQUFBLEVBQ25DO0FBQUEsSUFDRSxRQUFRO0FBQUEsSUFDUixNQUFNO0FBQUEsSUFDTixTQUFTO0FBQUEsSUFDVCxNQUFNO0FBQUEsSUFDTixVQUFVO0FBQUEsSUFDVixpQkFBaUI7QUFBQSxNQUNmLE9BQU87QUFBQSxNQUNQLFNBQVM7QUFBQSxNQUNULFFBQVE7QUFBQSxNQUNSLGFBQWE7QUFBQSxNQUNiLGFBQWE7QUFBQSxNQUNiLG1CQUFtQjtBQUFBLE1BQ25CLFlBQVk7QUFBQSxNQUNaLFFBQVE7QUFBQSxNQUNSLGNBQWM7QUFBQSxJQUNoQjtBQUFBLElBQ0EsUUFBUSxDQUFDO0FBQUEsRUFDWDtBQUFBLEVBQ0E7QUFBQSxJQUNFLFFBQVE7QUFBQSxJQUNSLE1BQU07QUFBQSxJQUNOLFNBQ0U7QUFBQSxJQUNGLE1BQU07QUFBQSxJQUNOLFVBQVU7QUFBQSxJQUNWLGlCQUFpQjtBQUFBLE1BQ2YsWUFBWSxrREFBa0QsTUFBTTtBQUFBLE1BQ3BFLFFBQVE7QUFBQSxNQUNSLFFBQVE7QUFBQSxNQUNSLFNBQVM7QUFBQSxNQUNULFdBQVc7QUFBQSxNQUNYLFFBQVE7QUFBQSxNQUNSLFFBQVE7QUFBQSxNQUNSLFdBQVc7QUFBQSxJQUNiO0FBQUEsSUFDQSxRQUFRLENBQUMsb0JBQW9CLFFBQVE7QUFBQSxFQUN2QztBQUFBLEVBQ0E7QUFBQSxJQUNFLFFBQVE7QUFBQSxJQUNSLE1BQU07QUFBQSxJQUNOLFNBQVM7QUFBQSxJQUNULE1BQU07QUFBQSxJQUNOLFVBQVU7QUFBQSxJQUNWLGFBQWEsRUFBRSxNQUFNLFNBQVM7QUFBQSxJQUM5QixpQkFBaUI7QUFBQSxNQUNmLE9BQU87QUFBQSxNQUNQLGVBQWU7QUFBQSxRQUNiO0FBQUEsUUFDQTtBQUFBLFFBQ0E7QUFBQSxRQUNBO0FBQUEsUUFDQTtBQUFBLFFBQ0E7QUFBQSxRQUNBO0FBQUEsUUFDQTtBQUFBLFFBQ0E7QUFBQSxRQUNBO0FBQUEsTUFDRjtBQUFBLElBQ0Y7QUFBQSxJQUNBLFFBQVEsQ0FBQyxnQkFBZ0IsZUFBZSxzQkFBc0Isb0JBQW9CLFFBQVE7QUFBQSxFQUM1RjtBQUFBLEVBQ0E7QUFBQSxJQUNFLFFBQVE7QUFBQSxJQUNSLE1BQU07QUFBQSxJQUNOLFNBQVM7QUFBQSxJQUNULE1BQU07QUFBQSxJQUNOLFVBQVU7QUFBQSxJQUNWLGFBQWEsRUFBRSxNQUFNLFNBQVM7QUFBQSxJQUM5QixpQkFBaUIsRUFBRSxPQUFPLFdBQVc7QUFBQSxJQUNyQyxRQUFRLENBQUMsZ0JBQWdCLGVBQWUsUUFBUTtBQUFBLEVBQ2xEO0FBQUEsRUFDQTtBQUFBLElBQ0UsUUFBUTtBQUFBLElBQ1IsTUFBTTtBQUFBLElBQ04sU0FBUztBQUFBLElBQ1QsTUFBTTtBQUFBLElBQ04sVUFBVTtBQUFBLElBQ1YsYUFBYSxFQUFFLE1BQU0sY0FBYztBQUFBLElBQ25DLGlCQUFpQixFQUFFLE9BQU8sWUFBWSxtQkFBbUIsRUFBRTtBQUFBLElBQzNELFFBQVEsQ0FBQyxnQkFBZ0IsUUFBUTtBQUFBLEVBQ25DO0FBQUEsRUFDQTtBQUFBLElBQ0UsUUFBUTtBQUFBLElBQ1IsTUFBTTtBQUFBLElBQ04sU0FBUztBQUFBLElBQ1QsTUFBTTtBQUFBLElBQ04sVUFBVTtBQUFBLElBQ1YsaUJBQWlCLEVBQUUsT0FBTyxZQUFZLGFBQWEsMkJBQTJCO0FBQUEsSUFDOUUsUUFBUSxDQUFDLGVBQWU7QUFBQSxFQUMxQjtBQUNGO0FBVU8sSUFBTSxTQUFxQjtBQUFBLEVBQ2hDO0FBQUEsSUFDRSxNQUFNO0FBQUEsSUFDTixRQUFRO0FBQUEsSUFDUixNQUFNO0FBQUEsSUFDTixTQUFTLEVBQUUsT0FBTyxFQUFFLE1BQU0sbUJBQW1CLFNBQVMsaUJBQWlCLEVBQUU7QUFBQSxFQUMzRTtBQUFBLEVBQ0E7QUFBQSxJQUNFLE1BQU07QUFBQSxJQUNOLFFBQVE7QUFBQSxJQUNSLE1BQU07QUFBQSxJQUNOLFNBQVMsRUFBRSxPQUFPLEVBQUUsTUFBTSxnQkFBZ0IsU0FBUywyQkFBMkIsY0FBYyxFQUFFLEVBQUU7QUFBQSxFQUNsRztBQUFBLEVBQ0E7QUFBQSxJQUNFLE1BQU07QUFBQSxJQUNOLFFBQVE7QUFBQSxJQUNSLE1BQU07QUFBQSxJQUNOLFNBQVMsRUFBRSxPQUFPLEVBQUUsTUFBTSxlQUFlLFNBQVMscURBQXFELEVBQUU7QUFBQSxFQUMzRztBQUFBLEVBQ0E7QUFBQSxJQUNFLE1BQU07QUFBQSxJQUNOLFFBQVE7QUFBQSxJQUNSLE1BQU07QUFBQSxJQUNOLFNBQVMsRUFBRSxPQUFPLEVBQUUsTUFBTSxzQkFBc0IsU0FBUyx1Q0FBdUMsRUFBRTtBQUFBLEVBQ3BHO0FBQUEsRUFDQTtBQUFBLElBQ0UsTUFBTTtBQUFBLElBQ04sUUFBUTtBQUFBLElBQ1IsTUFBTTtBQUFBLElBQ04sU0FBUyxFQUFFLE9BQU8sRUFBRSxNQUFNLG9CQUFvQixTQUFTLHNDQUFzQyxFQUFFO0FBQUEsRUFDakc7QUFBQSxFQUNBO0FBQUEsSUFDRSxNQUFNO0FBQUEsSUFDTixRQUFRO0FBQUEsSUFDUixNQUFNO0FBQUEsSUFDTixTQUFTLEVBQUUsT0FBTyxFQUFFLE1BQU0saUJBQWlCLFNBQVMsNEJBQTRCLEVBQUU7QUFBQSxFQUNwRjtBQUFBLEVBQ0E7QUFBQSxJQUNFLE1BQU07QUFBQSxJQUNOLFFBQVE7QUFBQSxJQUNSLE1BQU07QUFBQSxJQUNOLFNBQVMsRUFBRSxPQUFPLEVBQUUsTUFBTSxVQUFVLFNBQVMsdUNBQXVDLFlBQVksR0FBRyxFQUFFO0FBQUEsRUFDdkc7QUFBQSxFQUNBO0FBQUEsSUFDRSxNQUFNO0FBQUEsSUFDTixRQUFRO0FBQUEsSUFDUixNQUFNO0FBQUEsSUFDTixTQUFTLEVBQUUsT0FBTyxFQUFFLE1BQU0sZUFBZSxTQUFTLDZCQUE2QixFQUFFO0FBQUEsRUFDbkY7QUFBQSxFQUNBO0FBQUEsSUFDRSxNQUFNO0FBQUEsSUFDTixRQUFRO0FBQUEsSUFDUixNQUFNO0FBQUEsSUFDTixTQUFTLEVBQUUsT0FBTyxFQUFFLE1BQU0sMEJBQTBCLFNBQVMsYUFBYSxFQUFFO0FBQUEsRUFDOUU7QUFBQSxFQUNBO0FBQUEsSUFDRSxNQUFNO0FBQUEsSUFDTixRQUFRO0FBQUEsSUFDUixNQUFNO0FBQUEsSUFDTixTQUFTO0FBQUEsTUFDUCxPQUFPLEVBQUUsTUFBTSxpQkFBaUIsU0FBUyx1Q0FBdUMsT0FBTyxzQkFBc0I7QUFBQSxJQUMvRztBQUFBLEVBQ0Y7QUFDRjtBQXlCQSxTQUFTLE9BQU8sUUFBNEI7QUFDMUMsTUFBSSxPQUFPLE1BQU8sUUFBTyxPQUFPLE1BQU0sSUFBSSxNQUFNLEVBQUUsS0FBSyxLQUFLO0FBQzVELE1BQUksT0FBTyxVQUFVLE9BQVcsUUFBTyxLQUFLLFVBQVUsT0FBTyxLQUFLO0FBQ2xFLE1BQUksT0FBTyxLQUFNLFFBQU8sT0FBTyxLQUFLLElBQUksQ0FBQyxNQUFNLEtBQUssVUFBVSxDQUFDLENBQUMsRUFBRSxLQUFLLEtBQUs7QUFDNUUsTUFBSSxPQUFPLFNBQVMsUUFBUyxRQUFPLEdBQUcsT0FBTyxRQUFRLE9BQU8sT0FBTyxLQUFLLElBQUksU0FBUztBQUN0RixNQUFJLE9BQU8sU0FBUyxVQUFVO0FBQzVCLFVBQU0sUUFBUSxPQUFPLFFBQVEsT0FBTyxjQUFjLENBQUMsQ0FBQyxFQUFFO0FBQUEsTUFDcEQsQ0FBQyxDQUFDLEdBQUcsQ0FBQyxNQUFNLEdBQUcsQ0FBQyxHQUFHLE9BQU8sVUFBVSxTQUFTLENBQUMsSUFBSSxLQUFLLEdBQUcsS0FBSyxPQUFPLENBQUMsQ0FBQztBQUFBLElBQzFFO0FBQ0EsV0FBTyxLQUFLLE1BQU0sS0FBSyxJQUFJLENBQUM7QUFBQSxFQUM5QjtBQUNBLFNBQU8sTUFBTSxRQUFRLE9BQU8sSUFBSSxJQUFJLE9BQU8sS0FBSyxLQUFLLEtBQUssSUFBSyxPQUFPLFFBQVE7QUFDaEY7QUFHTyxTQUFTLFNBQVMsTUFBOEI7QUFDckQsUUFBTSxPQUFTLGVBQWEsUUFBUSxJQUFJLEdBQUcsRUFBRSxpQkFBaUIsTUFBTSxDQUFDO0FBQ3JFLFNBQU8sT0FBTyxRQUFRLEtBQUssY0FBYyxDQUFDLENBQUMsRUFBRSxJQUFJLENBQUMsQ0FBQyxPQUFPLE1BQU0sT0FBTztBQUFBLElBQ3JFLE1BQU07QUFBQSxJQUNOLE1BQU0sT0FBTyxNQUFNLEVBQUUsUUFBUSxlQUFlLFNBQVM7QUFBQSxJQUNyRCxVQUFVLEtBQUssVUFBVSxTQUFTLEtBQUssS0FBSztBQUFBLEVBQzlDLEVBQUU7QUFDSjtBQUdPLFNBQVMsYUFBYSxNQUFrQixPQUFnQixNQUFvQjtBQUNqRixRQUFNLFNBQVMsUUFBUSxJQUFJLEVBQUUsVUFBVSxLQUFLO0FBQzVDLE1BQUksQ0FBQyxPQUFPLFNBQVM7QUFDbkIsVUFBTSxJQUFJLE1BQU0sd0JBQXdCLElBQUksbUJBQW1CLElBQUksS0FBSyxLQUFLLFVBQVUsT0FBTyxNQUFNLE1BQU0sQ0FBQyxFQUFFO0FBQUEsRUFDL0c7QUFDRjtBQUdPLFNBQVMsZUFBNkI7QUFDM0MsYUFBVyxZQUFZLFdBQVc7QUFDaEMsVUFBTSxPQUFPLEdBQUcsU0FBUyxNQUFNLElBQUksU0FBUyxJQUFJO0FBQ2hELFFBQUksU0FBUyxLQUFNLGNBQWEsU0FBUyxNQUFNLFNBQVMsYUFBYSxHQUFHLElBQUksWUFBWTtBQUFBLGFBQy9FLFNBQVMsZ0JBQWdCLE9BQVcsT0FBTSxJQUFJLE1BQU0sR0FBRyxJQUFJLHVDQUF1QztBQUMzRyxpQkFBYSxTQUFTLFVBQVUsU0FBUyxpQkFBaUIsR0FBRyxJQUFJLFdBQVc7QUFDNUUsZUFBVyxRQUFRLFNBQVMsUUFBUTtBQUNsQyxVQUFJLENBQUMsT0FBTyxLQUFLLENBQUMsTUFBTSxFQUFFLFNBQVMsSUFBSSxFQUFHLE9BQU0sSUFBSSxNQUFNLEdBQUcsSUFBSSxnQ0FBZ0MsSUFBSSxHQUFHO0FBQUEsSUFDMUc7QUFBQSxFQUNGO0FBQ0EsUUFBTSxhQUFhLFVBQVUsS0FBSyxDQUFDLE1BQU0sRUFBRSxhQUFhLFlBQVksRUFBRztBQUN2RSxRQUFNLFNBQVMsZ0JBQWdCLFdBQVcsVUFBVTtBQUNwRCxNQUNFLE9BQU8sV0FBVyxXQUFXLFVBQzdCLE9BQU8sV0FBVyxXQUFXLFVBQzdCLE9BQU8sWUFBWSxXQUFXLFNBQzlCO0FBQ0EsVUFBTSxJQUFJLE1BQU0sZ0ZBQWdGO0FBQUEsRUFDbEc7QUFDQSxhQUFXLFNBQVMsT0FBUSxjQUFhLGFBQWEsTUFBTSxTQUFTLE9BQU8sTUFBTSxJQUFJLFFBQVE7QUFFOUYsUUFBTSxPQUFPLG9CQUFJLElBQWdCLENBQUMsV0FBVyxDQUFDO0FBQzlDLGFBQVcsS0FBSyxXQUFXO0FBQ3pCLFNBQUssSUFBSSxFQUFFLFFBQVE7QUFDbkIsUUFBSSxFQUFFLEtBQU0sTUFBSyxJQUFJLEVBQUUsSUFBSTtBQUFBLEVBQzdCO0FBQ0EsU0FBTztBQUFBLElBQ0wsV0FBVyxVQUFVLElBQUksQ0FBQyxPQUFPO0FBQUEsTUFDL0IsR0FBRztBQUFBLE1BQ0gsUUFBUTtBQUFBLE1BQ1IsaUJBQWlCLEVBQUUsZ0JBQWdCLFNBQVksT0FBTyxLQUFLLFVBQVUsRUFBRSxhQUFhLE1BQU0sQ0FBQztBQUFBLE1BQzNGLHFCQUFxQixLQUFLLFVBQVUsRUFBRSxpQkFBaUIsTUFBTSxDQUFDO0FBQUEsSUFDaEUsRUFBRTtBQUFBLElBQ0YsUUFBUSxPQUFPLElBQUksQ0FBQyxPQUFPLEVBQUUsR0FBRyxHQUFHLGFBQWEsS0FBSyxVQUFVLEVBQUUsT0FBTyxFQUFFLEVBQUU7QUFBQSxJQUM1RSxTQUFTLE9BQU8sWUFBWSxDQUFDLEdBQUcsSUFBSSxFQUFFLElBQUksQ0FBQyxTQUFTLENBQUMsTUFBTSxTQUFTLElBQUksQ0FBQyxDQUFDLENBQUM7QUFBQSxFQUM3RTtBQUNGOzs7QURqU0EsSUFBTyxvQkFBUSxhQUFhO0FBQUEsRUFDMUIsTUFBTSxNQUFvQixhQUFhO0FBQ3pDLENBQUM7IiwKICAibmFtZXMiOiBbXQp9Cg==
