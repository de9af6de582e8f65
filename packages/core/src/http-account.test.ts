import { expect } from './test-fixtures/expect.js';
import { accountCapabilitiesOf } from './account-capabilities.js';
import { capabilitiesOf } from './backend.js';
import { createHttpAccountBackend } from './http-account.js';
import { json, recordingFetch, rejection } from './test-fixtures/fetch-stub.js';
import { goodEnrollment } from './test-fixtures/hostile.js';

function backendFor(reply: () => Response) {
  const { sent, fetch } = recordingFetch(reply);
  return { sent, backend: createHttpAccountBackend({ baseUrl: '/api/totp', fetch }) };
}

const factor = { id: 'f1', name: 'Phone', createdAt: '2026-01-15T09:30:00.000Z', lastUsedAt: null };
const factorList = { factors: [factor], canRemoveLast: false };
const deviceList = {
  devices: [
    {
      id: 'd1',
      label: 'Firefox on Linux',
      createdAt: '2026-01-15T09:30:00.000Z',
      expiresAt: '2026-02-14T09:30:00.000Z',
      current: true,
    },
  ],
  rememberDays: 30,
};

describe('createHttpAccountBackend', () => {
  it('declares every account capability, and has the methods for them', () => {
    const { backend } = backendFor(() => json({}));
    expect(accountCapabilitiesOf(backend)).to.deep.equal({
      factors: true,
      regenerateRecoveryCodes: true,
      rememberDevice: true,
      signOutOthers: true,
    });
    expect(capabilitiesOf(backend).recoveryCodes).to.equal(true);
  });

  it('sends each call to its endpoint with its body', async () => {
    const replies: Record<string, unknown> = {
      'GET /api/totp/factors': factorList,
      'POST /api/totp/factors': goodEnrollment(),
      'POST /api/totp/factors/confirm': { factor, factors: [factor], removed: ['f0'] },
      'POST /api/totp/factors/rename': factorList,
      'POST /api/totp/factors/remove': factorList,
      'POST /api/totp/recovery-codes': { recoveryCodes: ['aaaaa-bbbbb'], recoveryCodesLeft: 1 },
      'GET /api/totp/devices': deviceList,
      'POST /api/totp/devices/revoke': deviceList,
      'POST /api/totp/sign-out-others': { devicesRevoked: 2 },
      'POST /api/totp/verify': { state: 'verified' },
    };
    let last = '';
    const { sent, backend } = backendFor(() => json(replies[last]));
    const call = async (key: string, run: () => Promise<unknown>) => {
      last = key;
      expect(await run(), key).to.deep.equal(replies[key]);
    };
    await call('GET /api/totp/factors', () => backend.listFactors!());
    await call('POST /api/totp/factors', () => backend.addFactor!({ name: 'Tablet' }));
    await call('POST /api/totp/factors', () => backend.addFactor!({ name: 'New phone', replaces: 'f0' }));
    await call('POST /api/totp/factors/confirm', () => backend.confirmFactor!('123456'));
    await call('POST /api/totp/factors/rename', () => backend.renameFactor!('f1', 'Phone'));
    await call('POST /api/totp/factors/remove', () => backend.removeFactor!('f2'));
    await call('POST /api/totp/recovery-codes', () => backend.regenerateRecoveryCodes!('123456'));
    await call('GET /api/totp/devices', () => backend.listDevices!());
    await call('POST /api/totp/devices/revoke', () => backend.revokeDevice!('d1'));
    await call('POST /api/totp/sign-out-others', () => backend.signOutOthers!());
    await call('POST /api/totp/verify', () => backend.verify('123456', { rememberDevice: true }));
    await call('POST /api/totp/verify', () => backend.verify('123456'));
    expect(sent.map((s) => [`${s.method} ${s.url}`, s.body])).to.deep.equal([
      ['GET /api/totp/factors', undefined],
      ['POST /api/totp/factors', { name: 'Tablet' }],
      ['POST /api/totp/factors', { name: 'New phone', replaces: 'f0' }],
      ['POST /api/totp/factors/confirm', { code: '123456' }],
      ['POST /api/totp/factors/rename', { id: 'f1', name: 'Phone' }],
      ['POST /api/totp/factors/remove', { id: 'f2' }],
      ['POST /api/totp/recovery-codes', { code: '123456' }],
      ['GET /api/totp/devices', undefined],
      ['POST /api/totp/devices/revoke', { id: 'd1' }],
      ['POST /api/totp/sign-out-others', {}],
      ['POST /api/totp/verify', { code: '123456', rememberDevice: true }],
      ['POST /api/totp/verify', { code: '123456' }],
    ]);
  });

  it('S40 turns hostile or malformed account answers into bad-response', async () => {
    const hostile: Array<[string, unknown]> = [
      ['a name with control characters', { factors: [{ ...factor, name: 'a\u0000b' }], canRemoveLast: false }],
      ['an over-long name', { factors: [{ ...factor, name: 'x'.repeat(65) }], canRemoveLast: false }],
      ['an id with a slash', { factors: [{ ...factor, id: '../f1' }], canRemoveLast: false }],
      [
        'too many factors',
        { factors: Array.from({ length: 21 }, (_, i) => ({ ...factor, id: `f${i}` })), canRemoveLast: false },
      ],
      ['a missing flag', { factors: [factor] }],
      ['a time that is not ISO', { factors: [{ ...factor, createdAt: 'yesterday' }], canRemoveLast: false }],
    ];
    for (const [what, body] of hostile) {
      const { backend } = backendFor(() => json(body));
      expect((await rejection(backend.listFactors!())).code, what).to.equal('bad-response');
    }
    const { backend } = backendFor(() => json({ recoveryCodes: ['aaaaa-bbbbb'], recoveryCodesLeft: 5 }));
    expect(
      (await rejection(backend.regenerateRecoveryCodes!('123456'))).code,
      'a count that is not the codes',
    ).to.equal('bad-response');
  });

  it('maps account errors to their codes, and an endpoint the server lacks to unsupported', async () => {
    const cases: Array<[Response, string]> = [
      [json({ error: { code: 'step-up-required', message: 'Enter a code.' } }, 403), 'step-up-required'],
      [json({ error: { code: 'last-factor', message: 'No.' } }, 409), 'last-factor'],
      [json({ error: { code: 'unknown-id', message: 'No such id.' } }, 404), 'unknown-id'],
      [
        json({ error: { code: 'totp-required', message: 'Verify first.', state: 'challenge-required' } }, 403),
        'totp-required',
      ],
      [json({ error: { code: 'not-found', message: 'There is no such TOTP endpoint.' } }, 404), 'unsupported'],
    ];
    for (const [response, code] of cases) {
      const { backend } = backendFor(() => response.clone());
      expect((await rejection(backend.removeFactor!('f1'))).code).to.equal(code);
    }
  });
});
