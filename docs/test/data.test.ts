// The generated parts of the docs: policy defaults, REST examples, API tables, screenshots.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parsePolicy } from '@totp-gate/core';
import { policyRows } from '../.vitepress/data/policy.js';
import { POLICY_OPTION_TEXT } from '../.vitepress/data/policy-options.js';
import {
  ACCOUNT_ERRORS,
  ENDPOINTS,
  ACCOUNT_ENDPOINTS,
  ERRORS,
  checkAgainstOpenApi,
  checkExample,
  fieldsOf,
  restContract,
} from '../.vitepress/data/rest-contract.js';
import { documentedApis, elementApis, type CustomElementsManifest } from '../.vitepress/data/manifest.js';
import { describeScreenshot } from '../.vitepress/data/screenshots.data.js';

function valueAt(object: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], object);
}

describe('policy table', () => {
  it('shows every option of parsePolicy({}) with its real default', () => {
    const defaults = parsePolicy({});
    const rows = policyRows();
    assert.equal(rows.length, Object.keys(POLICY_OPTION_TEXT).length);
    for (const row of rows) assert.equal(row.defaultValue, JSON.stringify(valueAt(defaults, row.option)), row.option);
    const byOption = Object.fromEntries(rows.map((r) => [r.option, r]));
    assert.equal(byOption['lockout.hardLimit']!.defaultValue, '100');
    assert.equal(byOption['rememberDevice.enabled']!.defaultValue, 'false');
    assert.equal(byOption['lockout.hardLimit']!.allowed, 'integer 1–100');
    assert.equal(byOption['totp.algorithm']!.allowed, '"SHA1", "SHA256", "SHA512"');
  });
});

describe('REST contract page', () => {
  it('validates every example against the zod schemas', () => {
    const contract = restContract();
    assert.deepEqual(
      contract.endpoints.map((e) => `${e.method} ${e.path}`),
      [
        'GET /status',
        'POST /enrollment',
        'POST /enrollment/confirm',
        'POST /verify',
        'POST /recovery',
        'POST /defer',
        'GET /factors',
        'POST /factors',
        'POST /factors/confirm',
        'POST /factors/rename',
        'POST /factors/remove',
        'POST /recovery-codes',
        'GET /devices',
        'POST /devices/revoke',
        'POST /sign-out-others',
      ],
    );
    assert.equal(contract.errors.length, ERRORS.length + ACCOUNT_ERRORS.length);
  });

  it('refuses an example the schemas refuse, naming it', () => {
    const status = ENDPOINTS[0]!.exampleResponse as Record<string, unknown>;
    assert.throws(() => checkExample('Status', { ...status, state: 'open' }, 'GET /status'), /GET \/status.*Status/);
    assert.throws(() => checkExample('CodeBody', { code: 123456 }, 'POST /verify'), /POST \/verify/);
    assert.throws(() => checkExample('ErrorBody', { code: 'locked' }, 'locked'), /locked/);
  });

  it('lists the operations and errors of the OpenAPI document, and refuses a table that drifts from it', () => {
    const all = [...ENDPOINTS, ...ACCOUNT_ENDPOINTS];
    checkAgainstOpenApi(all);
    const verify = all.findIndex((e) => e.path === '/verify');
    const fewer = all.map((e, i) => (i === verify ? { ...e, errors: ['invalid-code', 'locked'] } : e));
    assert.throws(() => checkAgainstOpenApi(fewer), /POST \/verify: the docs list invalid-code, locked; OpenAPI has/);
    assert.throws(() => checkAgainstOpenApi(all.slice(1)), /the OpenAPI document has get \/devices/);
  });

  it('derives the field tables from the schemas', () => {
    const status = fieldsOf('Status');
    assert.deepEqual(
      status.filter((f) => f.required).map((f) => f.name),
      ['state', 'account', 'issuer', 'graceEndsAt', 'lockedUntil', 'recoveryCodesLeft', 'serverTime'],
    );
    assert.match(status.find((f) => f.name === 'state')!.type, /"challenge-required"/);
    assert.equal(fieldsOf('VerifyResult')[0]!.type, '"verified"');
  });
});

describe('API tables from custom-elements.json', () => {
  const fixture = JSON.parse(
    readFileSync(new URL('./fixtures/custom-elements.json', import.meta.url), 'utf8'),
  ) as CustomElementsManifest;

  it('reads attributes, public properties, methods, events, slots, parts and custom properties', () => {
    const qr = elementApis(fixture)['totp-qr']!;
    assert.equal(qr.className, 'TotpQr');
    assert.deepEqual(
      qr.properties.map((p) => p.name),
      ['label', 'uri'],
    );
    assert.equal(qr.properties[0]!.attribute, 'label');
    assert.deepEqual(qr.methods, [{ name: 'redraw', type: '(force?: boolean) => Promise<void>' }]);
    assert.deepEqual(qr.attributes, [{ name: 'label', type: 'string' }]);
    assert.deepEqual(qr.events, [{ name: 'totp-error', type: 'TotpErrorEvent', description: 'Drawing failed.' }]);
    assert.deepEqual(qr.slots, [{ name: '(default)', description: 'Fallback content.' }]);
    assert.deepEqual(qr.cssParts, [{ name: 'base', description: 'The square.' }]);
    assert.deepEqual(qr.cssProperties, [
      { name: '--totp-qr-size', default: '13rem', description: 'Side of the square.' },
    ]);
  });

  it('fails the build when a documented element is missing', () => {
    assert.throws(
      () => documentedApis(fixture),
      /totp-gate, totp-enroll, totp-challenge, totp-code-input, totp-recovery-codes/,
    );
  });
});

describe('screenshot captions', () => {
  it('reads the caption and the color scheme from the file name', () => {
    assert.deepEqual(describeScreenshot('/x/03-enroll-qr-dark.png'), { caption: 'Enroll qr', scheme: 'dark' });
    assert.deepEqual(describeScreenshot('/x/challenge_light.png'), { caption: 'Challenge', scheme: 'light' });
    assert.deepEqual(describeScreenshot('/x/locked.png'), { caption: 'Locked', scheme: null });
  });
});
