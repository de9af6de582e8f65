/**
 * `<totp-admin>`: the administrator's page of two-factor authentication. The element holds the
 * list's state (standing filter, search, pages), a user's detail, and the flows of the actions
 * (reset, unlock, grant, change or end an exemption, each with a reason and a confirmation
 * screen); the dry run is `admin-dry-run.ts`, and what it draws is in the `*-view(s).ts` files. It
 * talks to the admin mount through `createAdminClient`, at its own entry point, so the sign-in
 * path never loads any of it.
 *
 * Past 300 lines: one element's state and flows (list, pages, a user's detail, four actions with
 * their checks); the dry run and what it draws are already apart.
 */
import type { PropertyValues } from 'lit';
import { toTotpGateError, type TotpGateError } from '@totp-gate/core';
import {
  ADMIN_ERROR_CODES,
  ADMIN_REASON_MAX,
  createAdminClient,
  type AdminUser,
  type AdminUserPage,
  type Standing,
  type TotpAdminClient,
} from '@totp-gate/core/admin';
import type { Message, MessageParams } from '../messages/en.js';
import { stepStyles } from '../shared/step.styles.js';
import { baseStyles } from '../styles/base.js';
import { TotpElement } from '../totp-element.js';
import { loadAdminLocale, translateAdmin } from './localize.js';
import type { AdminMessageKey } from './messages/en.js';
import { adminStyles } from './admin.styles.js';
import { renderAdmin } from './admin-views.js';
import { TotpAdminChangeEvent, type AdminChange } from './admin-events.js';
import { AdminDryRun } from './admin-dry-run.js';

export { TotpAdminChangeEvent, type AdminChange } from './admin-events.js';

/** The confirmation of one action for one user, opened from the list or from the user's detail (`from`). */
export type ActionScreen = { name: AdminChange; user: AdminUser; from?: 'user' };

/** The screen `<totp-admin>` shows: the list, a user's detail, an action's confirmation, or the dry run. */
export type AdminScreen = { name: 'list' } | { name: 'user'; user: AdminUser } | ActionScreen | { name: 'dry-run' };

/** The longest exemption the picker offers, in days from today (the server allows 366 days from now). */
export const MAX_EXEMPTION_PICK_DAYS = 365;

const DAY = 86_400_000;

/**
 * The users of the host and their two-factor standing, with a standing filter, a search and
 * pages; per user a detail (authenticators, recovery codes left, lock, exemption, last code,
 * deferral), and the actions: reset (forces enrollment again), unlock, and grant, change or end an
 * exemption; and a dry run of a candidate policy (who it would block, who would be in grace or
 * exempt, and whether every administrator would be locked out), which changes nothing; and
 * downloads of the user list and of the audit events (CSV or JSON). Every action asks for a
 * reason (and an exemption for its last day) on a confirmation screen; nothing is sent before it
 * is confirmed.
 *
 * @summary The administrator's view: who is enrolled, blocked, locked or exempt, and the actions.
 *
 * @fires totp-admin-change - An action went through (`event.change`, `event.userId`).
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading of the screen shown (it receives focus when the screen changes).
 * @csspart filters - The standing filter and the search.
 * @csspart table - The table of users.
 * @csspart user - One row of the table (the user's name in it opens their detail).
 * @csspart standing - The standing of a user.
 * @csspart pages - The previous/next page buttons.
 * @csspart detail - A user's detail (a description list).
 * @csspart authenticators - The list of a user's authenticators in their detail.
 * @csspart exports - The download links of the user list (with the filter and search shown) and of the audit events.
 * @csspart export - One download link (CSV or JSON).
 * @csspart dry-run - The form of the dry run's candidate policy.
 * @csspart dry-run-result - What the dry run found.
 * @csspart guard - The self-lockout guard's finding (class `tripped` when every administrator would be blocked).
 * @csspart notice - The sentence saying what the last action did.
 * @csspart error - An error message.
 * @csspart confirm - The button that carries out an action.
 *
 * @cssproperty --totp-color-accent - Buttons and focus ring.
 * @cssproperty --totp-color-surface - Background of table headers.
 * @cssproperty --totp-color-danger - Errors, the reset button and blocked standings.
 * @cssproperty --totp-color-success - The notice after an action.
 * @cssproperty --totp-radius - Corner radius.
 *
 * @example
 * ```html
 * <totp-admin endpoint="/api/totp-admin"></totp-admin>
 * ```
 */
export class TotpAdmin extends TotpElement {
  static override styles = [baseStyles, stepStyles, adminStyles];
  static override properties = {
    endpoint: { type: String },
    client: { attribute: false },
    pageSize: { type: Number, attribute: 'page-size' },
    screen: { state: true },
    page: { state: true },
    loading: { state: true },
    userLoading: { state: true },
    busy: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
    notice: { state: true },
  };

  /** Where the host serves `createTotpAdmin`; ignored when `client` is set. */
  endpoint = '';
  /** A client for the admin mount (instead of `endpoint`), e.g. with a CSRF header. */
  client: TotpAdminClient | undefined = undefined;
  /** Users per page (1 to 500, default 25). */
  pageSize = 25;
  /** Overrides for any message key of this element or the shared catalogue. Rendered as text. */
  override messages: Partial<Record<string, Message>> | undefined;
  /** @internal */
  screen: AdminScreen = { name: 'list' };
  /** @internal The page shown. */
  page: AdminUserPage | undefined = undefined;
  /** @internal The list is loading. */
  loading = false;
  /** @internal The user of the detail is loading. */
  userLoading = false;
  /** @internal An action is under way. */
  busy = false;
  /** @internal The last error of the list or of an action. */
  error: TotpGateError | undefined = undefined;
  /** @internal What is wrong with the form's fields. */
  fieldErrors: { reason?: string; end?: string } = {};
  /** @internal What the last action did, announced politely. */
  notice = '';

  /** @internal The dry run's form, progress and answer. */
  readonly dryRun = new AdminDryRun(this);
  /** @internal The standing filter ('' for all). */
  standing: Standing | '' = '';
  /** @internal The search text. */
  search = '';
  /** @internal The cursor of each page seen so far; the last one is the page shown. */
  cursors: Array<string | null> = [null];
  private created: { endpoint: string; client: TotpAdminClient } | undefined;
  private loads: AbortController | undefined;
  private userLoads: AbortController | undefined;
  private shownScreen: string | undefined;
  /** The user whose detail was opened from the list: back on the list, their row gets focus. */
  private returnTo: string | undefined;

  /** The client in use: `client`, else one made from `endpoint`. */
  get activeClient(): TotpAdminClient | undefined {
    if (this.client) return this.client;
    if (!this.endpoint) return undefined;
    if (this.created?.endpoint !== this.endpoint) {
      this.created = { endpoint: this.endpoint, client: createAdminClient({ baseUrl: this.endpoint }) };
    }
    return this.created.client;
  }

  /** @internal The locale in use (see `lang`). */
  get localeTag(): string {
    return this.locale;
  }

  /** A message of this element as text. */
  m(key: AdminMessageKey, params: MessageParams = {}): string {
    return translateAdmin(key, params, this.locale, this.messages);
  }

  /** The text for an error: the admin codes from this element's catalogue, the rest shared. */
  errorMessage(error: TotpGateError): string {
    switch (error.code) {
      case 'forbidden':
        return this.m('errorForbidden');
      case 'cross-origin':
        return this.m('errorCrossOrigin');
      case 'unknown-user':
        return this.m('errorUnknownUser');
      case 'not-exempt':
        return this.m('errorNotExempt');
      case 'lockout-guard':
        return this.m('errorLockoutGuard');
      case 'bad-request':
        return this.m('errorRefused', { message: error.message });
      case 'network':
      case 'timeout':
      case 'bad-response':
        return this.errorText(error);
      default:
        return this.m('errorUnexpected');
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    loadAdminLocale(this.locale).then(
      () => this.requestUpdate(),
      () => undefined,
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('lang'))
      void loadAdminLocale(this.locale).then(
        () => this.requestUpdate(),
        () => undefined,
      );
    if (changed.has('endpoint') || changed.has('client') || changed.has('pageSize')) this.reload(true);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Each new screen moves focus to its heading, so keyboard and screen-reader users follow;
    // back from a user's detail, focus returns to that user's row.
    const key = this.screen.name;
    if (this.shownScreen !== undefined && this.shownScreen !== key) {
      const row = key === 'list' && this.shownScreen === 'user' ? this.rowOf(this.returnTo) : undefined;
      (row ?? this.renderRoot.querySelector<HTMLElement>('[part~="heading"]'))?.focus();
    }
    this.shownScreen = key;
  }

  protected override render() {
    return renderAdmin(this);
  }

  /** Loads the list again: from its first page (`fromStart`, after a filter change) or the page shown. */
  reload(fromStart = false): void {
    if (fromStart) this.cursors = [null];
    void this.load();
  }

  /** Goes to the next page (`+1`) or back one (`-1`). */
  turn(direction: 1 | -1): void {
    if (direction === 1 && this.page?.nextCursor) this.cursors = [...this.cursors, this.page.nextCursor];
    else if (direction === -1 && this.cursors.length > 1) this.cursors = this.cursors.slice(0, -1);
    else return;
    void this.load();
  }

  private async load(): Promise<void> {
    const client = this.activeClient;
    if (!client) return;
    this.loads?.abort();
    const loads = new AbortController();
    this.loads = loads;
    this.loading = true;
    try {
      const page = await client.list(
        {
          ...(this.standing && { standing: this.standing }),
          ...(this.search && { search: this.search }),
          cursor: this.cursors[this.cursors.length - 1] ?? null,
          limit: Math.min(500, Math.max(1, Math.trunc(this.pageSize) || 25)),
        },
        { signal: loads.signal },
      );
      if (this.loads !== loads) return;
      this.page = page;
      if (this.screen.name === 'list') this.error = undefined;
    } catch (error) {
      if (this.loads !== loads) return;
      this.error = toTotpGateError(error, ADMIN_ERROR_CODES);
    } finally {
      if (this.loads === loads) this.loading = false;
    }
  }

  /** Shows a screen; going back to the list clears the form's errors. */
  go(screen: AdminScreen): void {
    this.error = undefined;
    this.fieldErrors = {};
    if (screen.name !== 'list') this.notice = '';
    if (screen.name !== 'user' && this.userLoads) {
      this.userLoads.abort();
      this.userLoads = undefined;
      this.userLoading = false;
    }
    if (screen.name !== 'dry-run') this.dryRun.abort();
    this.screen = screen;
  }

  /** Opens the detail of a user from the list (shown at once, then fresh from the server). */
  open(user: AdminUser): void {
    this.returnTo = user.userId;
    this.go({ name: 'user', user });
    void this.loadUser(user.userId);
  }

  /** Where an action's confirmation goes back to: the user's detail, or the list. */
  backFrom(screen: ActionScreen, user: AdminUser = screen.user): AdminScreen {
    return screen.from === 'user' ? { name: 'user', user } : { name: 'list' };
  }

  /** The button that opens a user's detail in the list, if the page shown holds them. */
  private rowOf(userId: string | undefined): HTMLElement | undefined {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('button.open-user')].find(
      (button) => button.dataset['userId'] === userId,
    );
  }

  /** Puts a fresh answer about a user in the page shown. */
  private patch(user: AdminUser): void {
    this.page = this.page && { ...this.page, users: this.page.users.map((u) => (u.userId === user.userId ? user : u)) };
  }

  /** Loads the user of the detail again. */
  async loadUser(userId: string): Promise<void> {
    const client = this.activeClient;
    if (!client) return;
    this.userLoads?.abort();
    const loads = new AbortController();
    this.userLoads = loads;
    this.userLoading = true;
    this.error = undefined;
    try {
      const user = await client.user(userId, { signal: loads.signal });
      if (this.userLoads !== loads) return;
      this.patch(user);
      if (this.screen.name === 'user' && this.screen.user.userId === userId) this.screen = { name: 'user', user };
    } catch (error) {
      if (this.userLoads !== loads) return;
      this.error = toTotpGateError(error, ADMIN_ERROR_CODES);
    } finally {
      if (this.userLoads === loads) this.userLoading = false;
    }
  }

  /** The reason typed in the form, or null after saying what is wrong. */
  reasonFrom(form: HTMLFormElement): string | null {
    const reason = (new FormData(form).get('reason') as string | null)?.trim() ?? '';
    if (reason === '') this.fieldErrors = { ...this.fieldErrors, reason: this.m('reasonMissing') };
    else if (reason.length > ADMIN_REASON_MAX) {
      this.fieldErrors = { ...this.fieldErrors, reason: this.m('reasonTooLong', { max: ADMIN_REASON_MAX }) };
    } else return reason;
    return null;
  }

  /** The end of the last day picked (the start of the day after, local time), or null after saying what is wrong. */
  endFrom(form: HTMLFormElement, now = Date.now()): Date | null {
    const value = (new FormData(form).get('end') as string | null) ?? '';
    const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(value);
    if (!match) {
      this.fieldErrors = { ...this.fieldErrors, end: this.m('endMissing') };
      return null;
    }
    const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1);
    const today = new Date(now);
    const first = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 2);
    if (end.getTime() < first.getTime() || end.getTime() - now > (MAX_EXEMPTION_PICK_DAYS + 1) * DAY) {
      this.fieldErrors = { ...this.fieldErrors, end: this.m('endOutOfRange', { days: MAX_EXEMPTION_PICK_DAYS }) };
      return null;
    }
    return end;
  }

  /** Carries out the confirmed action of the screen shown, from its form. */
  async confirm(form: HTMLFormElement): Promise<void> {
    const screen = this.screen;
    const client = this.activeClient;
    if (screen.name === 'list' || screen.name === 'user' || screen.name === 'dry-run' || !client || this.busy) return;
    this.fieldErrors = {};
    const reason = this.reasonFrom(form);
    const end = screen.name === 'exempt' ? this.endFrom(form) : undefined;
    if (reason === null || end === null) {
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const { userId } = screen.user;
    const who = this.labelOf(screen.user);
    this.busy = true;
    this.error = undefined;
    try {
      let after: AdminUser;
      if (screen.name === 'reset') after = await client.reset(userId, { reason });
      else if (screen.name === 'unlock') after = await client.unlock(userId, { reason });
      else if (screen.name === 'revoke') after = await client.revokeExemption(userId, { reason });
      else after = await client.grantExemption(userId, { reason, expiresAt: end! });
      const done = { reset: 'doneReset', unlock: 'doneUnlock', exempt: 'doneExempt', revoke: 'doneRevoke' } as const;
      const last = end ? new Date(end.getTime() - 1) : undefined;
      this.go(this.backFrom(screen, after));
      this.notice = this.m(done[screen.name], {
        user: who,
        date: last ? new Intl.DateTimeFormat(this.locale, { dateStyle: 'long' }).format(last) : '',
      });
      this.patch(after);
      this.dispatchEvent(new TotpAdminChangeEvent(screen.name, userId));
      void this.load();
    } catch (error) {
      this.error = toTotpGateError(error, ADMIN_ERROR_CODES);
    } finally {
      this.busy = false;
    }
  }

  /** How a user is named in sentences: their account label, else their id. */
  labelOf(user: AdminUser): string {
    return user.account || user.userId;
  }
}

if (!customElements.get('totp-admin')) customElements.define('totp-admin', TotpAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'totp-admin': TotpAdmin;
  }
}
