/**
 * What `<totp-admin>` draws for the dry run: the candidate policy's form, the progress of a run
 * (the form marked busy, a live region), and the answer: counts per standing, the people who would
 * be blocked, in grace, exempt or locked (as many as the server listed, with how many more), and
 * the self-lockout guard. Every value from the server is rendered as text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { STANDINGS, type DryRunResult } from '@totp-gate/core/admin';
import { formatDate, formatDateTime } from '../shared/format.js';
import type { AdminMessageKey } from './messages/en.js';
import type { TotpAdmin } from './admin.js';
import { MAX_GRACE_DAYS } from './admin-dry-run.js';
import { STANDING_KEY } from './admin-views.js';

/** A field of the form: label, hint, input, and its error in an alert that exists before its text. */
function field(
  v: TotpAdmin,
  name: 'roles' | 'day' | 'grace',
  input: (described: string, invalid: boolean) => TemplateResult,
): TemplateResult {
  const keys = {
    roles: ['rolesLabel', 'rolesHint'],
    day: ['dayLabel', 'dayHint'],
    grace: ['graceLabel', 'graceHint'],
  } as const satisfies Record<string, readonly [AdminMessageKey, AdminMessageKey]>;
  const [label, hint] = keys[name];
  const error = v.dryRun.fieldErrors[name];
  return html`
    <label for="dry-${name}">${v.m(label)}</label>
    <p id="dry-${name}-hint" class="muted">${v.m(hint, { max: MAX_GRACE_DAYS })}</p>
    ${input(`dry-${name}-hint dry-${name}-error`, error !== undefined)}
    <p id="dry-${name}-error" class="error" role="alert">${error ?? ''}</p>
  `;
}

/** One group of people, as many as the server listed, and how many more there are. */
function group(v: TotpAdmin, title: AdminMessageKey, total: number, people: string[]): TemplateResult {
  return html`<h4>${v.m(title, { count: total })}</h4>
    ${
      people.length
        ? html`<ul class="people">
            ${people.map((person) => html`<li>${person}</li>`)}
          </ul>`
        : html`<p class="muted">${v.m('groupEmpty')}</p>`
    }
    ${total > people.length ? html`<p class="muted">${v.m('groupMore', { count: total - people.length })}</p>` : nothing}`;
}

function guard(v: TotpAdmin, found: DryRunResult['guard']): TemplateResult {
  if (found.administrators === 0) return html`<p part="guard" class="guard">${v.m('guardNoAdministrators')}</p>`;
  if (!found.tripped) {
    return html`<p part="guard" class="guard">
      ${v.m('guardOk', { canSignIn: found.canSignIn, administrators: found.administrators })}
    </p>`;
  }
  return html`<p part="guard" class="guard tripped">
    <strong>${v.m('guardTrippedTitle')}</strong>
    ${v.m('guardTripped', { count: found.administrators, users: found.blocked.join(', ') })}
  </p>`;
}

function result(v: TotpAdmin, found: DryRunResult): TemplateResult {
  const at = (iso: string) => formatDateTime(new Date(iso), v.localeTag);
  const { counts } = found;
  return html`<section part="dry-run-result" class="dry-run-result" aria-labelledby="dry-run-result-title">
    <h3 id="dry-run-result-title">
      ${v.m('dryRunResultTitle', { date: formatDate(new Date(found.at), v.localeTag), total: found.total })}
    </h3>
    ${guard(v, found.guard)}
    <table part="table">
      <caption>
        ${v.m('countsCaption')}
      </caption>
      <thead>
        <tr>
          <th scope="col">${v.m('columnStanding')}</th>
          <th scope="col">${v.m('columnUsers')}</th>
        </tr>
      </thead>
      <tbody>
        ${STANDINGS.map(
          (standing) =>
            html`<tr>
              <th scope="row">${v.m(STANDING_KEY[standing])}</th>
              <td>${counts[standing]}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${group(v, 'groupBlocked', counts['must-enroll'], found.blocked)}
    ${group(
      v,
      'groupInGrace',
      counts['in-grace'] + counts.deferred,
      found.inGrace.map(({ userId, graceEndsAt }) =>
        graceEndsAt ? `${userId}: ${v.m('graceUntil', { date: at(graceEndsAt) })}` : userId,
      ),
    )}
    ${group(
      v,
      'groupExempt',
      counts.exempt,
      found.exempt.map(({ userId, reason, expiresAt }) =>
        expiresAt
          ? `${userId}: ${v.m('exemptUntil', { date: at(expiresAt), reason })}`
          : `${userId}: ${v.m('exemptNoEnd', { reason })}`,
      ),
    )}
    ${group(v, 'groupLocked', counts.locked, found.locked)}
  </section>`;
}

/** The live sentence of the run: under way, or what it found (and that nothing changed). */
function progress(v: TotpAdmin): string {
  const { running, result: found } = v.dryRun;
  if (running) return v.m('dryRunRunning');
  if (!found) return '';
  const done = v.m('dryRunDone', { total: found.total, blocked: found.counts['must-enroll'] });
  return found.guard.tripped ? `${done} ${v.m('guardTrippedTitle')}` : done;
}

/** The dry run's screen. */
export function dryRunView(v: TotpAdmin): TemplateResult {
  const run = v.dryRun;
  const { fields } = run;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!run.running) void run.run(event.currentTarget as HTMLFormElement);
  };
  const invalid = (bad: boolean) => (bad ? 'true' : 'false');
  return html`
    <h2 tabindex="-1" part="heading">${v.m('dryRunTitle')}</h2>
    <p>${v.m('dryRunIntro')}</p>
    <form part="dry-run" novalidate aria-busy=${run.running ? 'true' : 'false'} @submit=${submit}>
      ${field(
        v,
        'roles',
        (described, bad) =>
          html`<input
            id="dry-roles"
            name="roles"
            type="text"
            autocomplete="off"
            maxlength="2000"
            .value=${fields.roles}
            aria-describedby=${described}
            aria-invalid=${invalid(bad)}
          />`,
      )}
      ${field(
        v,
        'day',
        (described, bad) =>
          html`<input
            id="dry-day"
            name="day"
            type="date"
            required
            .value=${fields.day}
            aria-describedby=${described}
            aria-invalid=${invalid(bad)}
          />`,
      )}
      ${field(
        v,
        'grace',
        (described, bad) =>
          html`<input
            id="dry-grace"
            name="grace"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            maxlength="3"
            required
            .value=${fields.graceDays}
            aria-describedby=${described}
            aria-invalid=${invalid(bad)}
          />`,
      )}
      <div class="actions">
        <button type="submit" aria-disabled=${run.running ? 'true' : 'false'}>
          ${run.running ? v.m('adminWorking') : v.m('dryRunSubmit')}
        </button>
        <button class="secondary" type="button" @click=${() => v.go({ name: 'list' })}>${v.m('backToList')}</button>
      </div>
    </form>
    <p class="status muted" role="status">${progress(v)}</p>
    <p part="error" class="error" role="alert">${run.error ? v.errorMessage(run.error) : ''}</p>
    ${run.result ? result(v, run.result) : nothing}
  `;
}
