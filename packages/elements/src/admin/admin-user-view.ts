/**
 * The detail of one user in `<totp-admin>`: their standing, authenticators (names and dates),
 * recovery codes left, lock, exemption (why, until when, by whom), last sign-in with a code and
 * deferral, with the actions that apply and the way back to the list. Nothing secret is in an
 * admin answer; every value from the server is rendered as text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AdminUser } from '@totp-gate/core/admin';
import { formatDateTime } from '../shared/format.js';
import type { TotpAdmin } from './admin.js';
import { errorLine, standingOf, userActions } from './admin-views.js';

function authenticators(v: TotpAdmin, user: AdminUser, at: (iso: string) => string): TemplateResult {
  const pending = user.enrollmentPending ? html`<span class="standing-detail">${v.m('enrollmentPending')}</span>` : '';
  // A user opened from the list shows their count until the answer about them names each one.
  if (!user.factors) return html`${user.authenticators} ${pending}`;
  if (user.factors.length === 0) return html`${v.m('none')} ${pending}`;
  return html`<ul part="authenticators" class="authenticators">
      ${user.factors.map(
        (factor) =>
          html`<li>
            <span class="item-name">${factor.name}</span>
            <span class="standing-detail"
              >${v.m('factorAdded', { date: at(factor.createdAt) })}
              ${factor.lastUsedAt ? v.m('factorUsed', { date: at(factor.lastUsedAt) }) : v.m('factorNeverUsed')}</span
            >
          </li>`,
      )}
    </ul>
    ${pending}`;
}

function exemption(v: TotpAdmin, user: AdminUser, at: (iso: string) => string): TemplateResult | string {
  const granted = user.exemption;
  if (!granted) return v.m('none');
  const by =
    granted.source === 'policy'
      ? v.m('exemptionFromPolicy')
      : v.m('exemptionGrantedBy', {
          admin: granted.grantedBy ?? '',
          date: granted.grantedAt ? at(granted.grantedAt) : '',
        });
  return html`<span class="item-name">${granted.reason}</span>
    <span class="standing-detail"
      >${granted.expiresAt ? v.m('exemptionEnds', { date: at(granted.expiresAt) }) : v.m('exemptionNoEnd')}</span
    >
    <span class="standing-detail">${by}</span>`;
}

function lock(v: TotpAdmin, user: AdminUser, at: (iso: string) => string): string {
  const state = !user.locked
    ? v.m('lockNone')
    : user.hardLocked || !user.lockedUntil
      ? v.m('lockHard')
      : v.m('lockTimed', { date: at(user.lockedUntil) });
  return user.failures > 0 ? `${state} ${v.m('failuresInARow', { count: user.failures })}` : state;
}

function deferral(v: TotpAdmin, user: AdminUser, at: (iso: string) => string): string {
  const deferred = user.deferredAt ? v.m('deferredOn', { date: at(user.deferredAt) }) : v.m('notDeferred');
  return user.graceEndsAt ? `${deferred} ${v.m('graceEnds', { date: at(user.graceEndsAt) })}` : deferred;
}

/** A user's detail; `user` is the row's copy until the fresh answer about them arrives. */
export function userView(v: TotpAdmin, user: AdminUser): TemplateResult {
  const at = (iso: string) => formatDateTime(new Date(iso), v.localeTag);
  const name = v.labelOf(user);
  return html`
    <h2 tabindex="-1" part="heading">${v.m('userTitle', { user: name })}</h2>
    <p class="status muted" role="status">${v.userLoading ? v.m('userLoading') : ''}</p>
    ${errorLine(v)}
    ${
      v.error
        ? html`<div class="actions">
            <button type="button" @click=${() => void v.loadUser(user.userId)}>${v.m('retry')}</button>
          </div>`
        : nothing
    }
    <dl part="detail" class="detail" aria-busy=${v.userLoading ? 'true' : 'false'}>
      <dt>${v.m('columnUser')}</dt>
      <dd>
        <span id="detail-name" class="item-name">${name}</span>
        ${user.account ? html`<span class="user-id">${user.userId}</span>` : nothing}
      </dd>
      <dt>${v.m('fieldRoles')}</dt>
      <dd>${user.roles.length ? user.roles.join(', ') : v.m('none')}</dd>
      <dt>${v.m('columnStanding')}</dt>
      <dd>${standingOf(v, user)}</dd>
      <dt>${v.m('columnAuthenticators')}</dt>
      <dd>${authenticators(v, user, at)}</dd>
      <dt>${v.m('fieldRecoveryCodes')}</dt>
      <dd>${user.recoveryCodesLeft}</dd>
      <dt>${v.m('fieldLock')}</dt>
      <dd>${lock(v, user, at)}</dd>
      <dt>${v.m('fieldExemption')}</dt>
      <dd>${exemption(v, user, at)}</dd>
      <dt>${v.m('fieldLastSignIn')}</dt>
      <dd>${user.lastSignInAt ? at(user.lastSignInAt) : v.m('never')}</dd>
      <dt>${v.m('fieldDeferral')}</dt>
      <dd>${deferral(v, user, at)}</dd>
    </dl>
    <h3>${v.m('columnActions')}</h3>
    ${userActions(v, user, 'detail-name', 'user')}
    <div class="actions">
      <button class="secondary" type="button" @click=${() => v.go({ name: 'list' })}>${v.m('backToList')}</button>
    </div>
  `;
}
