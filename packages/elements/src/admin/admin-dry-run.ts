/**
 * The dry run of `<totp-admin>`: a candidate policy from its form (the roles that must use TOTP,
 * the day it would apply, the grace period in days), sent to the admin mount's `POST /dry-run`,
 * and what came back. It only reads: nothing changes on the server. The self-lockout guard is
 * part of the answer (`guard`, the same finding `checkPolicy` refuses a policy on), so one run
 * over every user gives the counts, the people and the guard.
 */
import type { ReactiveController } from 'lit';
import { toTotpGateError, type TotpGateError } from '@totp-gate/core';
import { ADMIN_ERROR_CODES, type DryRunRequest, type DryRunResult } from '@totp-gate/core/admin';
import type { TotpAdmin } from './admin.js';

/** How many people each group of the answer lists at most (the counts are always complete). */
export const DRY_RUN_LIST_LIMIT = 100;
/** The longest grace period the form accepts, in days (the policy allows 365). */
export const MAX_GRACE_DAYS = 365;

const DAY_SECONDS = 86_400;

/** A day as `<input type="date">` writes it, in local time. */
export function dayValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** What the form holds, as typed. */
export interface DryRunFields {
  roles: string;
  day: string;
  graceDays: string;
}

/** The dry run's form, its progress and its answer; the element draws them (`admin-dry-run-view.ts`). */
export class AdminDryRun implements ReactiveController {
  /** The form as last submitted (today and no grace period at first). */
  fields: DryRunFields = { roles: '', day: dayValue(new Date()), graceDays: '0' };
  running = false;
  result: DryRunResult | undefined;
  error: TotpGateError | undefined;
  fieldErrors: { roles?: string; day?: string; grace?: string } = {};
  private runs: AbortController | undefined;

  constructor(private readonly host: TotpAdmin) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort();
  }

  /** Gives up on a run under way (leaving the screen). */
  abort(): void {
    if (!this.runs) return;
    this.runs.abort();
    this.runs = undefined;
    this.running = false;
  }

  /** The request from the form's fields, or null after saying what is wrong with them. */
  requestFrom(fields: DryRunFields): DryRunRequest | null {
    const m = this.host.m.bind(this.host);
    this.fieldErrors = {};
    const roles = [
      ...new Set(
        fields.roles
          .split(',')
          .map((role) => role.trim())
          .filter(Boolean),
      ),
    ];
    if (roles.some((role) => role.length > 256)) this.fieldErrors.roles = m('rolesTooLong', { max: 256 });
    const day = /^(\d{4})-(\d\d)-(\d\d)$/.exec(fields.day);
    const at = day && new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    if (!at || Number.isNaN(at.getTime())) this.fieldErrors.day = m('dayMissing');
    const grace = /^\d{1,3}$/.test(fields.graceDays.trim()) ? Number(fields.graceDays.trim()) : Number.NaN;
    if (!(grace >= 0 && grace <= MAX_GRACE_DAYS)) this.fieldErrors.grace = m('graceInvalid', { max: MAX_GRACE_DAYS });
    if (Object.keys(this.fieldErrors).length) return null;
    return {
      policy: { requiredRoles: roles.length ? roles : null, gracePeriodSeconds: grace * DAY_SECONDS },
      at: at!,
      listLimit: DRY_RUN_LIST_LIMIT,
    };
  }

  /** Runs the dry run of the form's policy; a new run replaces one under way. */
  async run(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const value = (name: string) => (data.get(name) as string | null) ?? '';
    this.fields = { roles: value('roles'), day: value('day'), graceDays: value('grace') };
    const client = this.host.activeClient;
    const request = this.requestFrom(this.fields);
    this.error = undefined;
    if (request === null || !client) {
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
      return;
    }
    this.abort();
    const runs = new AbortController();
    this.runs = runs;
    this.running = true;
    this.result = undefined;
    this.host.requestUpdate();
    try {
      const result = await client.dryRun(request, { signal: runs.signal });
      if (this.runs === runs) this.result = result;
    } catch (error) {
      if (this.runs === runs) this.error = toTotpGateError(error, ADMIN_ERROR_CODES);
    } finally {
      if (this.runs === runs) {
        this.runs = undefined;
        this.running = false;
      }
      this.host.requestUpdate();
    }
  }
}
