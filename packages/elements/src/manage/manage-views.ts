/**
 * What `<totp-manage>` draws: the overview (authenticators, recovery codes, devices) and one
 * screen per step. Functions of the element's state, with its actions wired to the buttons.
 *
 * Past 300 lines: one screen per step of one element, kept together so the flows read in one place.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatSecret, type DeviceInfo, type FactorInfo } from '@totp-gate/core';
import type { TotpCodeInput } from '../code-input/code-input.js';
import { formatDate } from '../shared/format.js';
import type { ManageScreen, TotpManage } from './manage.js';

/** Recovery codes left at or under which the overview warns. */
export const FEW_RECOVERY_CODES = 2;

type Step = Exclude<ManageScreen, { name: 'loading' | 'failed' | 'unsupported' | 'overview' }>;

const disabled = (v: TotpManage) => (v.busy ? 'true' : 'false');
const cancel = (v: TotpManage) =>
  html`<button class="secondary" type="button" @click=${() => v.go({ name: 'overview' })}>${v.s('cancel')}</button>`;
const errorLine = (v: TotpManage) =>
  html`<p part="error" class="error" role="alert">${v.error ? v.errorMessage(v.error) : ''}</p>`;

function factorName(v: TotpManage, id: string | undefined): string {
  return v.factors?.factors.find((f) => f.id === id)?.name ?? '';
}

/** The code typed in the step's field, or null after telling the person what is missing. */
function codeOf(v: TotpManage): string | null {
  const input = v.renderRoot.querySelector<TotpCodeInput>('totp-code-input');
  const code = input?.value ?? '';
  if (code.length === v.digits) return code;
  input?.showError(v.s(code.length === 0 ? 'codeMissing' : 'codeTooShort', { digits: v.digits }));
  return null;
}

function codeForm(v: TotpManage, submitLabel: string, onCode: (code: string) => Promise<void>): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const code = codeOf(v);
    if (code !== null) void v.run(() => onCode(code));
  };
  return html`
    <form novalidate @submit=${submit}>
      <totp-code-input
        part="code-input"
        lang=${v.localeTag}
        .messages=${v.messages}
        .digits=${v.digits}
        .hint=${v.s('codeHint', { digits: v.digits })}
      ></totp-code-input>
      <div class="actions">
        <button type="submit" aria-disabled=${disabled(v)}>${v.busy ? v.s('verifying') : submitLabel}</button>
        ${cancel(v)}
      </div>
    </form>
  `;
}

function nameForm(v: TotpManage, value: string, submitLabel: string, onName: (name: string) => Promise<void>) {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const name = v.nameFrom(event.currentTarget as HTMLFormElement);
    if (name !== null) void v.run(() => onName(name));
  };
  return html`
    <form novalidate @submit=${submit}>
      <label for="name">${v.m('nameLabel')}</label>
      <p id="name-hint" class="muted">${v.m('nameHint')}</p>
      <input
        id="name"
        name="name"
        type="text"
        autocomplete="off"
        maxlength="64"
        .value=${value}
        aria-describedby="name-hint name-error"
        aria-invalid=${v.error ? 'true' : 'false'}
      />
      <p id="name-error" part="error" class="error" role="alert">${v.error ? v.errorMessage(v.error) : ''}</p>
      <div class="actions">
        <button type="submit" aria-disabled=${disabled(v)}>${submitLabel}</button>
        ${cancel(v)}
      </div>
    </form>
  `;
}

function factorRow(v: TotpManage, f: FactorInfo, removable: boolean): TemplateResult {
  const described = `factor-${f.id}`;
  const facts = [
    v.m('factorAdded', { date: formatDate(new Date(f.createdAt), v.localeTag) }),
    f.lastUsedAt
      ? v.m('factorLastUsed', { date: formatDate(new Date(f.lastUsedAt), v.localeTag) })
      : v.m('factorNeverUsed'),
  ].join(' · ');
  return html`
    <li part="factor">
      <div>
        <span class="item-name" id=${described}>${f.name}</span><br />
        <span class="item-facts">${facts}</span>
      </div>
      <div class="row-actions">
        <button
          class="secondary"
          type="button"
          aria-describedby=${described}
          @click=${() => v.go({ name: 'rename', id: f.id })}
        >
          ${v.m('factorRename')}
        </button>
        <button
          class="secondary"
          type="button"
          aria-describedby=${described}
          @click=${() => v.go({ name: 'add', replaces: f.id })}
        >
          ${v.m('factorReplace')}
        </button>
        ${
          removable
            ? html`<button
                class="secondary"
                type="button"
                aria-describedby=${described}
                @click=${() => v.go({ name: 'remove', id: f.id })}
              >
                ${v.m('factorRemove')}
              </button>`
            : nothing
        }
      </div>
    </li>
  `;
}

function factorsSection(v: TotpManage): TemplateResult | typeof nothing {
  const list = v.factors;
  if (!v.capabilities.factors || !list) return nothing;
  const single = list.factors.length <= 1;
  const removable = !single || list.canRemoveLast;
  return html`
    <section aria-labelledby="factors-title">
      <h3 id="factors-title">${v.m('factorsTitle')}</h3>
      <p class="muted">${v.m('factorsIntro')}</p>
      <ul part="factors">
        ${list.factors.map((f) => factorRow(v, f, removable))}
      </ul>
      ${removable ? nothing : html`<p class="muted">${v.m('factorOnlyOne')}</p>`}
      <div class="actions">
        <button part="add" type="button" @click=${() => v.go({ name: 'add', replaces: undefined })}>
          ${v.m('factorAdd')}
        </button>
      </div>
    </section>
  `;
}

function codesSection(v: TotpManage): TemplateResult | typeof nothing {
  const left = v.status?.recoveryCodesLeft ?? null;
  if (left === null || !v.capabilities.recoveryCodes) return nothing;
  return html`
    <section part="codes" aria-labelledby="codes-title">
      <h3 id="codes-title">${v.m('codesTitle')}</h3>
      <p>${left === 0 ? v.m('codesNone') : v.m('codesLeft', { count: left })}</p>
      ${left <= FEW_RECOVERY_CODES ? html`<p part="warning" class="warning">${v.m('codesFew')}</p>` : nothing}
      ${
        v.capabilities.regenerateRecoveryCodes
          ? html`<div class="actions">
              <button class="secondary" type="button" @click=${() => v.go({ name: 'regenerate' })}>
                ${v.m('codesRegenerate')}
              </button>
            </div>`
          : nothing
      }
    </section>
  `;
}

function deviceRow(v: TotpManage, d: DeviceInfo): TemplateResult {
  const described = `device-${d.id}`;
  const revoke = () =>
    v.run(async () => {
      v.devices = await v.activeBackend!.revokeDevice!(d.id);
      v.changed('device-revoked', d.id, v.m('deviceRevoked'));
    });
  return html`
    <li>
      <div>
        <span class="item-name" id=${described}>${d.label}</span>
        ${d.current ? html`<span class="tag">${v.m('deviceCurrent')}</span>` : nothing}<br />
        <span class="item-facts">${v.m('deviceUntil', { date: formatDate(new Date(d.expiresAt), v.localeTag) })}</span>
      </div>
      <button
        class="secondary"
        type="button"
        aria-describedby=${described}
        aria-disabled=${disabled(v)}
        @click=${revoke}
      >
        ${v.m('deviceRevoke')}
      </button>
    </li>
  `;
}

function devicesSection(v: TotpManage): TemplateResult | typeof nothing {
  const caps = v.capabilities;
  const list = caps.rememberDevice ? v.devices : undefined;
  const showDevices = list !== undefined && (list.rememberDays !== null || list.devices.length > 0);
  if (!showDevices && !caps.signOutOthers) return nothing;
  const signOut = () =>
    v.run(async () => {
      const backend = v.activeBackend!;
      await backend.signOutOthers!();
      if (caps.rememberDevice) v.devices = await backend.listDevices!();
      v.changed('signed-out-others', null, v.m('signOutOthersDone'));
    });
  return html`
    <section aria-labelledby="devices-title">
      <h3 id="devices-title">${v.m('devicesTitle')}</h3>
      ${
        showDevices
          ? html`
              <p class="muted">
                ${list.devices.length > 0 ? v.m('devicesIntro', { days: list.rememberDays ?? 0 }) : v.m('devicesNone')}
              </p>
              ${
                list.devices.length > 0
                  ? html`<ul part="devices">
                      ${list.devices.map((d) => deviceRow(v, d))}
                    </ul>`
                  : nothing
              }
            `
          : nothing
      }
      ${
        caps.signOutOthers
          ? html`<div class="actions">
              <button
                part="sign-out-others"
                class="secondary"
                type="button"
                aria-disabled=${disabled(v)}
                @click=${signOut}
              >
                ${v.m('signOutOthers')}
              </button>
            </div>`
          : nothing
      }
    </section>
  `;
}

/** The overview, or the reason it could not load. */
export function renderOverview(v: TotpManage): TemplateResult {
  if (v.screen.name === 'failed') {
    return html`
      <h2 tabindex="-1" part="heading">${v.m('manageTitle')}</h2>
      ${errorLine(v)}
      <div class="actions">
        <button type="button" aria-disabled=${disabled(v)} @click=${() => void v.reload()}>${v.s('tryAgain')}</button>
      </div>
    `;
  }
  return html`
    <h2 tabindex="-1" part="heading">${v.m('manageTitle')}</h2>
    ${v.error ? errorLine(v) : nothing} ${factorsSection(v)} ${codesSection(v)} ${devicesSection(v)}
  `;
}

/** One step screen. */
export function renderStep(v: TotpManage, screen: Step): TemplateResult {
  const backend = v.activeBackend!;
  switch (screen.name) {
    case 'rename':
      return html`
        <h2 tabindex="-1" part="heading">${v.m('renameTitle')}</h2>
        ${nameForm(v, factorName(v, screen.id), v.m('save'), async (name) => {
          v.factors = await backend.renameFactor!(screen.id, name);
          v.changed('factor-renamed', screen.id, v.m('renamed', { name }));
        })}
      `;
    case 'remove': {
      const name = factorName(v, screen.id);
      const remove = () =>
        v.run(async () => {
          v.factors = await backend.removeFactor!(screen.id);
          // Removing an authenticator forgets the remembered devices.
          if (v.capabilities.rememberDevice) v.devices = await backend.listDevices!();
          v.changed('factor-removed', screen.id, v.m('removed', { name }));
        });
      return html`
        <h2 tabindex="-1" part="heading">${v.m('removeTitle', { name })}</h2>
        <p>${v.m('removeIntro')}</p>
        ${errorLine(v)}
        <div class="actions">
          <button class="danger" type="button" aria-disabled=${disabled(v)} @click=${remove}>
            ${v.m('removeConfirm')}
          </button>
          ${cancel(v)}
        </div>
      `;
    }
    case 'add': {
      const replacing = screen.replaces === undefined ? '' : factorName(v, screen.replaces);
      const count = (v.factors?.factors.length ?? 0) + 1;
      return html`
        <h2 tabindex="-1" part="heading">${replacing ? v.m('replaceTitle', { name: replacing }) : v.m('addTitle')}</h2>
        ${replacing ? html`<p>${v.m('replaceIntro', { name: replacing })}</p>` : nothing}
        ${nameForm(v, v.m('defaultFactorName', { number: count }), v.m('addStart'), async (name) => {
          const enrollment = await backend.addFactor!(
            screen.replaces === undefined ? { name } : { name, replaces: screen.replaces },
          );
          v.go({ name: 'scan', enrollment, factorName: name, replaces: screen.replaces });
        })}
      `;
    }
    case 'scan': {
      const e = screen.enrollment;
      return html`
        <h2 tabindex="-1" part="heading">${v.m('addTitle')}</h2>
        <p>${v.m('addScan')}</p>
        <totp-qr
          part="qr"
          lang=${v.localeTag}
          .uri=${e.otpauthUri}
          label=${v.s('qrLabel', { issuer: e.issuer, account: e.account })}
        ></totp-qr>
        <p>${v.m('addKey')} <code class="secret" translate="no">${formatSecret(e.secret)}</code></p>
        ${codeForm(v, v.s('verify'), async (code) => {
          const result = await backend.confirmFactor!(code);
          v.factors = { factors: result.factors, canRemoveLast: v.factors?.canRemoveLast ?? false };
          const replaced = result.removed.length > 0;
          if (replaced && v.capabilities.rememberDevice) v.devices = await backend.listDevices!();
          v.changed(
            replaced ? 'factor-replaced' : 'factor-added',
            result.factor.id,
            v.m(replaced ? 'replaced' : 'added', { name: result.factor.name }),
          );
        })}
      `;
    }
    case 'step-up':
      return html`
        <h2 tabindex="-1" part="heading">${v.m('stepUpTitle')}</h2>
        <p>${v.m('stepUpIntro')}</p>
        ${codeForm(v, v.s('verify'), async (code) => {
          await backend.verify(code);
          await screen.retry();
        })}
      `;
    case 'regenerate':
      return html`
        <h2 tabindex="-1" part="heading">${v.m('regenerateTitle')}</h2>
        <p>${v.m('regenerateIntro')}</p>
        ${codeForm(v, v.m('regenerate'), async (code) => {
          const result = await backend.regenerateRecoveryCodes!(code);
          if (v.status) v.status = { ...v.status, recoveryCodesLeft: result.recoveryCodesLeft };
          v.go({ name: 'codes', codes: result.recoveryCodes });
        })}
      `;
    case 'codes':
      return html`
        <totp-recovery-codes
          lang=${v.localeTag}
          .messages=${v.messages}
          .codes=${screen.codes}
          issuer=${v.status?.issuer ?? ''}
          account=${v.status?.account ?? ''}
          @totp-recovery-codes-acknowledged=${() =>
            v.changed(
              'recovery-codes-regenerated',
              null,
              v.m('codesLeft', { count: v.status?.recoveryCodesLeft ?? screen.codes.length }),
            )}
        ></totp-recovery-codes>
      `;
  }
}
