/**
 * Exports for the administrator: the user list with standings, and the audit events the host
 * kept, as CSV or JSON. Only named columns are written (an event object with an extra field
 * exports without it), so nothing secret can ride along. CSV cells are quoted, and a cell that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return at its start) gets
 * a leading `'`, as OWASP advises against CSV injection.
 */
import type { Policy } from '@totp-gate/core';
import type { AuditEvent } from '../audit.js';
import type { TotpStore } from '../stores/types.js';
import { AdminError } from './input.js';
import { listUsers, MAX_PAGE, type FactsLookup, type ListQuery } from './list.js';
import type { AdminUser } from './standing.js';

/** An export format. */
export type ExportFormat = 'csv' | 'json';

/** The user columns, in order. */
export const USER_COLUMNS = [
  'userId',
  'account',
  'roles',
  'standing',
  'authenticators',
  'enrolledAt',
  'lastSignInAt',
  'graceEndsAt',
  'deferredAt',
  'failures',
  'locked',
  'lockedUntil',
  'hardLocked',
  'exemptionReason',
  'exemptionExpiresAt',
  'exemptionSource',
  'exemptionGrantedBy',
  'recoveryCodesLeft',
  'enrollmentPending',
] as const;

/** The audit columns, in order: every field an `AuditEvent` has, and nothing else. */
export const AUDIT_COLUMNS = [
  'at',
  'type',
  'userId',
  'sessionId',
  'outcome',
  'stage',
  'reason',
  'adminId',
  'adminReason',
  'attemptsLeft',
  'lockedUntil',
  'resumed',
  'otherSessions',
  'recoveryCodesLeft',
  'exemptionReason',
  'exemptionExpiresAt',
  'factorId',
  'replaced',
  'rotatedTo',
] as const;

type Cell = string | number | boolean | null | undefined;

/** One CSV cell: quoted, quotes doubled, a formula start defused. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A user as a flat row of the user columns. */
export function userRow(user: AdminUser): Record<(typeof USER_COLUMNS)[number], Cell> {
  return {
    userId: user.userId,
    account: user.account,
    roles: user.roles.join(' '),
    standing: user.standing,
    authenticators: user.authenticators,
    enrolledAt: user.enrolledAt,
    lastSignInAt: user.lastSignInAt,
    graceEndsAt: user.graceEndsAt,
    deferredAt: user.deferredAt,
    failures: user.failures,
    locked: user.locked,
    lockedUntil: user.lockedUntil,
    hardLocked: user.hardLocked,
    exemptionReason: user.exemption?.reason,
    exemptionExpiresAt: user.exemption?.expiresAt,
    exemptionSource: user.exemption?.source,
    exemptionGrantedBy: user.exemption?.grantedBy,
    recoveryCodesLeft: user.recoveryCodesLeft,
    enrollmentPending: user.enrollmentPending,
  };
}

/** An audit event as a flat row of the audit columns; any other field is dropped. */
export function auditRow(event: AuditEvent): Record<(typeof AUDIT_COLUMNS)[number], Cell> {
  const scalar = (value: unknown): Cell =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  const row = {} as Record<(typeof AUDIT_COLUMNS)[number], Cell>;
  for (const column of AUDIT_COLUMNS) {
    if (column === 'exemptionReason') row[column] = scalar(event.exemption?.reason);
    else if (column === 'exemptionExpiresAt') row[column] = scalar(event.exemption?.expiresAt);
    else row[column] = scalar((event as unknown as Record<string, unknown>)[column]);
  }
  return row;
}

/** Checks a format. */
export function checkFormat(value: unknown): ExportFormat {
  if (value === undefined || value === null || value === '') return 'csv';
  if (value !== 'csv' && value !== 'json') throw new AdminError('bad-request', 'format must be csv or json.');
  return value;
}

function render<C extends string>(
  columns: readonly C[],
  rows: readonly Record<C, Cell>[],
  format: ExportFormat,
  key: string,
  nowMs: number,
): string {
  if (format === 'json') {
    const clean = rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
    return JSON.stringify({ exportedAt: new Date(nowMs).toISOString(), [key]: clean });
  }
  return csvLine(columns) + rows.map((row) => csvLine(columns.map((c) => row[c]))).join('');
}

/** Every user matching the filters (all pages), as CSV or JSON. */
export async function exportUsers(
  store: TotpStore,
  policy: Policy,
  nowMs: number,
  options: Omit<ListQuery, 'cursor' | 'limit'> & { format?: ExportFormat },
  lookup: FactsLookup | undefined,
): Promise<string> {
  const format = checkFormat(options.format);
  const rows: ReturnType<typeof userRow>[] = [];
  let cursor: string | null = null;
  do {
    const page = await listUsers(store, policy, nowMs, { ...options, cursor, limit: MAX_PAGE }, lookup);
    for (const user of page.users) rows.push(userRow(user));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return render(USER_COLUMNS, rows, format, 'users', nowMs);
}

/** The host's audit events as CSV or JSON, with the audit columns only. */
export async function exportAudit(
  events: Iterable<AuditEvent> | AsyncIterable<AuditEvent>,
  format: ExportFormat | undefined,
  nowMs: number,
): Promise<string> {
  const checked = checkFormat(format);
  const rows: ReturnType<typeof auditRow>[] = [];
  for await (const event of events) rows.push(auditRow(event));
  return render(AUDIT_COLUMNS, rows, checked, 'events', nowMs);
}
