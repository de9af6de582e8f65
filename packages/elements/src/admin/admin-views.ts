/**
 * What `<totp-admin>` draws: the list (filters, downloads, the table of users, pages) and the
 * confirmation screen of each action; a user's detail and the dry run have files of their own.
 * Functions of the element's state, with its actions wired to the controls. Every value from the
 * server is rendered as text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { STANDINGS, type AdminUser, type Standing } from '@totp-gate/core/admin';
import { formatDate, formatDateTime } from '../shared/format.js';
import type { AdminMessageKey } from './messages/en.js';
import { MAX_EXEMPTION_PICK_DAYS, type ActionScreen, type AdminScreen, type TotpAdmin } from './admin.js';
import { dayValue } from './admin-dry-run.js';
import { dryRunView } from './admin-dry-run-view.js';
import { userView } from './admin-user-view.js';

/** The message of each standing. */
export const STANDING_KEY: Record<Standing, AdminMessageKey> = {
  'not-required': 'standingNotRequired',
  exempt: 'standingExempt',
  locked: 'standingLocked',
  enrolled: 'standingEnrolled',
  deferred: 'standingDeferred',
  'in-grace': 'standingInGrace',
  'must-enroll': 'standingMustEnroll',
};

function daysFromToday(days: number): Date {
  const today = new Date();
  return new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
}

/** The error of the screen shown, in an alert that exists before its text changes. */
export const errorLine = (v: TotpAdmin) =>
  html`<p part="error" class="error" role="alert">${v.error ? v.errorMessage(v.error) : ''}</p>`;

/** What a user's standing says beyond its word: until when, or why. */
export function standingDetail(v: TotpAdmin, user: AdminUser): string {
  const at = (iso: string | null) => (iso ? formatDateTime(new Date(iso), v.localeTag) : '');
  let detail = '';
  if (user.standing === 'locked') {
    detail = user.hardLocked ? v.m('lockedHard') : v.m('lockedUntil', { date: at(user.lockedUntil) });
  } else if ((user.standing === 'in-grace' || user.standing === 'deferred') && user.graceEndsAt) {
    detail = v.m('graceUntil', { date: at(user.graceEndsAt) });
  } else if (user.exemption) {
    const { reason, expiresAt } = user.exemption;
    detail = expiresAt ? v.m('exemptUntil', { date: at(expiresAt), reason }) : v.m('exemptNoEnd', { reason });
  }
  return detail;
}

/** A user's standing: its word (marked when it blocks) and what it says beyond it. */
export function standingOf(v: TotpAdmin, user: AdminUser): TemplateResult {
  const detail = standingDetail(v, user);
  const blocked = user.standing === 'must-enroll' || user.standing === 'locked';
  return html`<span part="standing" class=${blocked ? 'standing blocked' : 'standing'}
      >${v.m(STANDING_KEY[user.standing])}</span
    >
    ${detail ? html`<span class="standing-detail">${detail}</span>` : nothing}`;
}

function actionButton(v: TotpAdmin, screen: AdminScreen, label: AdminMessageKey, described: string) {
  return html`<button
    class="secondary"
    type="button"
    aria-describedby=${described}
    aria-disabled=${v.busy ? 'true' : 'false'}
    @click=${() => v.go(screen)}
  >
    ${v.m(label)}
  </button>`;
}

/** The actions that apply to a user, each described by the element with id `described` (their name). */
export function userActions(v: TotpAdmin, user: AdminUser, described: string, from?: 'user'): TemplateResult {
  const granted = user.exemption?.source === 'admin';
  const resettable = user.authenticators > 0 || user.enrollmentPending || user.failures > 0;
  const to = (name: ActionScreen['name']): ActionScreen => (from ? { name, user, from } : { name, user });
  return html`<div class="row-actions">
    ${resettable ? actionButton(v, to('reset'), 'actionReset', described) : nothing}
    ${user.locked ? actionButton(v, to('unlock'), 'actionUnlock', described) : nothing}
    ${actionButton(v, to('exempt'), granted ? 'actionChangeExemption' : 'actionExempt', described)}
    ${granted ? actionButton(v, to('revoke'), 'actionRevoke', described) : nothing}
  </div>`;
}

function userRow(v: TotpAdmin, user: AdminUser, index: number): TemplateResult {
  const described = `user-${index}`;
  return html`<tr part="user">
    <td>
      <button class="link open-user" type="button" data-user-id=${user.userId} @click=${() => v.open(user)}>
        <span id=${described} class="item-name">${v.labelOf(user)}</span>
      </button>
      ${user.account ? html`<span class="user-id">${user.userId}</span>` : nothing}
    </td>
    <td>${standingOf(v, user)}</td>
    <td>${user.authenticators}</td>
    <td>${user.lastSignInAt ? formatDateTime(new Date(user.lastSignInAt), v.localeTag) : v.m('never')}</td>
    <td>${userActions(v, user, described)}</td>
  </tr>`;
}

/** Downloads of the user list (with the filter and search shown) and of the audit events, as plain links. */
function exports(v: TotpAdmin): TemplateResult {
  const client = v.activeClient;
  if (!client) return html``;
  const filter = { ...(v.standing && { standing: v.standing }), ...(v.search && { search: v.search }) };
  const link = (kind: 'users' | 'audit', format: 'csv' | 'json', label: AdminMessageKey) =>
    html`<li><a part="export" href=${client.exportUrl(kind, format, filter)} download>${v.m(label)}</a></li>`;
  return html`<nav part="exports" class="exports" aria-labelledby="exports-title">
    <span id="exports-title">${v.m('exportTitle')}</span>
    <ul>
      ${link('users', 'csv', 'exportUsersCsv')} ${link('users', 'json', 'exportUsersJson')}
      ${link('audit', 'csv', 'exportAuditCsv')} ${link('audit', 'json', 'exportAuditJson')}
    </ul>
  </nav>`;
}

function filters(v: TotpAdmin): TemplateResult {
  const apply = (event: Event) => {
    event.preventDefault();
    const form = (event.currentTarget as HTMLElement).closest('form')!;
    const data = new FormData(form);
    v.standing = (data.get('standing') as Standing | '') ?? '';
    v.search = ((data.get('search') as string | null) ?? '').trim();
    v.reload(true);
  };
  return html`<form part="filters" class="filters" role="search" @submit=${apply}>
    <div class="field">
      <label for="standing">${v.m('filterLabel')}</label>
      <select id="standing" name="standing" @change=${apply}>
        <option value="" ?selected=${v.standing === ''}>${v.m('filterAll')}</option>
        ${STANDINGS.map((s) => html`<option value=${s} ?selected=${v.standing === s}>${v.m(STANDING_KEY[s])}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="search">${v.m('searchLabel')}</label>
      <input id="search" name="search" type="search" autocomplete="off" maxlength="256" .value=${v.search} />
    </div>
    <button type="submit">${v.m('searchButton')}</button>
  </form>`;
}

function list(v: TotpAdmin): TemplateResult {
  const users = v.page?.users ?? [];
  const empty = v.page?.nextCursor ? v.m('noUsersHere') : v.m('noUsers');
  const pageNumber = v.cursors.length;
  return html`
    <h2 tabindex="-1" part="heading">${v.m('adminTitle')}</h2>
    <div class="actions">
      <button class="secondary" type="button" @click=${() => v.go({ name: 'dry-run' })}>${v.m('actionDryRun')}</button>
    </div>
    ${filters(v)} ${exports(v)}
    <p class="status muted" role="status">${v.loading ? v.m('adminLoading') : ''}</p>
    ${errorLine(v)}
    ${
      v.error && !v.page
        ? html`<div class="actions">
            <button type="button" @click=${() => v.reload()}>${v.m('retry')}</button>
          </div>`
        : nothing
    }
    <div class="table-wrap" aria-busy=${v.loading ? 'true' : 'false'}>
      <table part="table">
        <caption>
          ${v.m('usersCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${v.m('columnUser')}</th>
            <th scope="col">${v.m('columnStanding')}</th>
            <th scope="col">${v.m('columnAuthenticators')}</th>
            <th scope="col">${v.m('columnLastSignIn')}</th>
            <th scope="col">${v.m('columnActions')}</th>
          </tr>
        </thead>
        <tbody>
          ${
            users.length
              ? users.map((user, i) => userRow(v, user, i))
              : v.page
                ? html`<tr>
                    <td colspan="5">${empty}</td>
                  </tr>`
                : nothing
          }
        </tbody>
      </table>
    </div>
    <nav part="pages" class="actions" aria-label=${v.m('pageNumber', { number: pageNumber })}>
      <button class="secondary" type="button" ?disabled=${pageNumber === 1} @click=${() => v.turn(-1)}>
        ${v.m('previousPage')}
      </button>
      <span>${v.m('pageNumber', { number: pageNumber })}</span>
      <button class="secondary" type="button" ?disabled=${!v.page?.nextCursor} @click=${() => v.turn(1)}>
        ${v.m('nextPage')}
      </button>
    </nav>
  `;
}

const TEXTS = {
  reset: ['resetTitle', 'resetIntro', 'resetConfirm'],
  unlock: ['unlockTitle', 'unlockIntro', 'unlockConfirm'],
  exempt: ['exemptTitle', 'exemptIntro', 'exemptConfirm'],
  revoke: ['revokeTitle', 'revokeIntro', 'revokeConfirm'],
} as const satisfies Record<string, readonly [AdminMessageKey, AdminMessageKey, AdminMessageKey]>;

function endField(v: TotpAdmin, user: AdminUser): TemplateResult {
  const current = user.exemption?.source === 'admin' && user.exemption.expiresAt;
  const value = current ? dayValue(new Date(Date.parse(current) - 1)) : '';
  return html`
    <label for="end">${v.m('endLabel')}</label>
    <p id="end-hint" class="muted">
      ${v.m('endHint', { days: MAX_EXEMPTION_PICK_DAYS })} (${formatDate(daysFromToday(1), v.localeTag)} –
      ${formatDate(daysFromToday(MAX_EXEMPTION_PICK_DAYS), v.localeTag)})
    </p>
    <input
      id="end"
      name="end"
      type="date"
      required
      min=${dayValue(daysFromToday(1))}
      max=${dayValue(daysFromToday(MAX_EXEMPTION_PICK_DAYS))}
      .value=${value}
      aria-describedby="end-hint end-error"
      aria-invalid=${v.fieldErrors.end ? 'true' : 'false'}
    />
    <p id="end-error" class="error" role="alert">${v.fieldErrors.end ?? ''}</p>
  `;
}

function action(v: TotpAdmin, screen: ActionScreen): TemplateResult {
  const [title, intro, confirm] = TEXTS[screen.name];
  const user = v.labelOf(screen.user);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void v.confirm(event.currentTarget as HTMLFormElement);
  };
  return html`
    <h2 tabindex="-1" part="heading">${v.m(title, { user })}</h2>
    <p>${v.m(intro, { user })}</p>
    <form novalidate aria-busy=${v.busy ? 'true' : 'false'} @submit=${submit}>
      ${screen.name === 'exempt' ? endField(v, screen.user) : nothing}
      <label for="reason">${v.m('reasonLabel')}</label>
      <p id="reason-hint" class="muted">${v.m('reasonHint')}</p>
      <input
        id="reason"
        name="reason"
        type="text"
        required
        autocomplete="off"
        maxlength="500"
        aria-describedby="reason-hint reason-error"
        aria-invalid=${v.fieldErrors.reason ? 'true' : 'false'}
      />
      <p id="reason-error" class="error" role="alert">${v.fieldErrors.reason ?? ''}</p>
      ${errorLine(v)}
      <div class="actions">
        <button
          part="confirm"
          type="submit"
          class=${screen.name === 'reset' ? 'danger' : ''}
          aria-disabled=${v.busy ? 'true' : 'false'}
        >
          ${v.busy ? v.m('adminWorking') : v.m(confirm, { user })}
        </button>
        <button class="secondary" type="button" @click=${() => v.go(v.backFrom(screen))}>${v.m('adminCancel')}</button>
      </div>
    </form>
  `;
}

function screenOf(v: TotpAdmin, screen: AdminScreen): TemplateResult {
  switch (screen.name) {
    case 'list':
      return list(v);
    case 'user':
      return userView(v, screen.user);
    case 'dry-run':
      return dryRunView(v);
    default:
      return action(v, screen);
  }
}

/** The whole element: the notice (a live region that exists before its text changes), then the screen. */
export function renderAdmin(v: TotpAdmin): TemplateResult {
  return html`<div part="base" class="base">
    <p part="notice" class="notice" role="status">${v.notice}</p>
    ${screenOf(v, v.screen)}
  </div>`;
}
