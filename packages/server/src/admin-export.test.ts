/**
 * Exports (S68): the user list and the host's audit events as CSV and JSON, with named columns
 * only, spreadsheet formulas defused, and no secret in them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTotpAdmin, csvCell, exportAuditEvents, memoryStore, type AuditEvent } from './index.js';
import { adminHarness } from './test/admin-suite.js';
import { enrolled } from './test/harness.js';

/** A small RFC 4180 reader, to check the CSV round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split('\r\n').filter(Boolean)) {
    const cells = [...line.matchAll(/"((?:[^"]|"")*)"|(?<=^|,)(?=,|$)/g)].map((m) => (m[1] ?? '').replace(/""/g, '"'));
    rows.push(cells);
  }
  return rows;
}

describe('admin exports', () => {
  it('S68 a cell a spreadsheet would run as a formula is defused, quotes are doubled, every cell is quoted', () => {
    assert.equal(csvCell('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`);
    for (const start of ['+', '-', '@', '\t', '\r']) assert.equal(csvCell(`${start}1`).slice(0, 2), `"'`);
    assert.equal(csvCell('alice'), '"alice"');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(3), '"3"');
  });

  it('S68 the user list exports as CSV and JSON with the filters, as a no-store download without a secret, and a hostile label stays inert', async () => {
    const a = adminHarness(memoryStore());
    a.facts.set('alice', { account: '=cmd|"/c calc"!A1', roles: ['staff'] });
    const { secret, recoveryCodes } = await enrolled(a, 'alice');
    await a.as('bob').enroll();
    const csv = await a.mount.handle(
      new Request('http://host.test/api/totp-admin/export/users?format=csv', { headers: { 'x-admin': 'carol' } }),
    );
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(csv.headers.get('cache-control'), 'no-store');
    assert.match(csv.headers.get('content-disposition')!, /attachment; filename="totp-users.csv"/);
    const text = await csv.text();
    const rows = parseCsv(text);
    assert.equal(rows[0]![0], 'userId');
    assert.equal(rows.length, 3);
    const alice = Object.fromEntries(rows[0]!.map((column, i) => [column, rows[1]![i]]));
    assert.equal(alice.account, `'=cmd|"/c calc"!A1`);
    assert.equal(alice.standing, 'enrolled');
    assert.equal(alice.authenticators, '1');
    const json = await a.call('GET', '/export/users?format=json&standing=must-enroll');
    assert.deepEqual(
      json.body.users.map((u: { userId: string }) => u.userId),
      ['bob'],
    );
    assert.equal((await a.call('GET', '/export/users?format=xml')).status, 400);
    for (const needle of [secret, ...recoveryCodes])
      assert.ok(!text.includes(needle) && !a.adminBodies.join('').includes(needle));
    assert.ok(!/otpauth:|plain:|aes-256-gcm/.test(text));
  });

  it('S68 audit events export with the audit columns only: a field the host added (even a secret) is dropped', async () => {
    const events: AuditEvent[] = [
      {
        type: 'admin-reset',
        at: '2026-01-01T00:00:00.000Z',
        userId: 'alice',
        sessionId: null,
        outcome: 'success',
        adminId: 'carol',
        adminReason: '@SUM(1+1)',
      },
      {
        type: 'exemption-applied',
        at: '2026-01-01T00:01:00.000Z',
        userId: 'bob',
        sessionId: 's1',
        outcome: 'success',
        exemption: { reason: 'travel', expiresAt: null },
      },
      {
        type: 'verified',
        at: '2026-01-01T00:02:00.000Z',
        userId: 'dave',
        sessionId: 's2',
        outcome: 'success',
        secret: 'JBSWY3DPEHPK3PXP',
        code: '123456',
      } as AuditEvent,
    ];
    const csv = await exportAuditEvents(events, 'csv', Date.UTC(2026, 0, 2));
    const rows = parseCsv(csv);
    assert.equal(rows.length, 4);
    const header = rows[0]!;
    const cell = (row: number, column: string) => rows[row]![header.indexOf(column)];
    assert.equal(cell(1, 'adminReason'), "'@SUM(1+1)");
    assert.equal(cell(2, 'exemptionReason'), 'travel');
    assert.ok(!csv.includes('JBSWY3DPEHPK3PXP') && !csv.includes('123456'));
    const json = JSON.parse(await exportAuditEvents(events, 'json', Date.UTC(2026, 0, 2)));
    assert.equal(json.events.length, 3);
    assert.ok(!('secret' in json.events[2]) && !('code' in json.events[2]));
    const mount = createTotpAdmin({
      service: adminHarness(memoryStore()).service,
      authorize: () => ({ adminId: 'carol' }),
      auditEvents: () => events,
    });
    const response = await mount.handle(new Request('http://host.test/export/audit?format=json'));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-disposition')!, /totp-audit\.json/);
    assert.equal(((await response.json()) as { events: unknown[] }).events.length, 3);
    const none = createTotpAdmin({
      service: adminHarness(memoryStore()).service,
      authorize: () => ({ adminId: 'carol' }),
    });
    assert.equal((await none.handle(new Request('http://host.test/export/audit'))).status, 404);
  });
});
