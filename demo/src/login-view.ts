import { html, nothing } from 'lit';
import { ApiError, api, type Me } from './api.js';
import { LightElement } from './light-element.js';

/** The demo accounts as the login page lists them (the server has the same list). */
const ACCOUNTS = [
  { username: 'alice', what: 'Must enroll an authenticator, no grace period.' },
  { username: 'bob', what: 'Must enroll, no grace period.' },
  { username: 'carol', what: 'Admin. Must enroll, no grace period.' },
  { username: 'frank', what: 'Must enroll. May tick "Don\'t ask again on this device" (30 days).' },
  { username: 'erin', what: 'Inside a 7-day grace period: may set it up later.' },
  { username: 'root', what: 'Exempt (reason "break-glass") until the end of the year.' },
  { username: 'dave', what: 'Contractor: a role the policy does not cover. Never asked.' },
];

/** Fired when the first factor (password) passed. */
export class SignedInEvent extends Event {
  constructor(readonly me: Me) {
    super('acme-signed-in', { bubbles: true, composed: true });
  }
}

/**
 * The sign-in page: a username and password form (the first factor) and the table of demo
 * accounts, each of which shows a different part of the policy.
 */
export class AcmeLogin extends LightElement {
  static override properties = { error: { state: true }, busy: { state: true } };
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.error = '';
    this.busy = false;
  }

  override firstUpdated(): void {
    this.querySelector<HTMLInputElement>('#username')?.focus();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      const me = await api.login(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
      this.dispatchEvent(new SignedInEvent(me));
    } catch (error) {
      this.error =
        error instanceof ApiError && error.status === 401
          ? 'Wrong username or password.'
          : error instanceof ApiError && error.status === 429
            ? error.message
            : 'The server could not be reached. Try again.';
      this.busy = false;
      this.updateComplete.then(() => this.querySelector<HTMLInputElement>('#password')?.select());
    }
  }

  private fill(username: string): void {
    const user = this.querySelector<HTMLInputElement>('#username');
    const password = this.querySelector<HTMLInputElement>('#password');
    if (user && password) {
      user.value = username;
      password.value = 'demo';
      this.querySelector<HTMLButtonElement>('#sign-in')?.focus();
    }
  }

  override render() {
    return html`
      <div class="login-grid">
        <section class="card login-card" aria-labelledby="login-title">
          <h1 id="login-title">Sign in to Acme Portal</h1>
          <p class="muted">Step one of two: your password. A code from your authenticator app comes next.</p>
          <form @submit=${this.submit} novalidate>
            <label for="username">Username</label>
            <input
              id="username"
              name="username"
              autocomplete="username"
              autocapitalize="none"
              spellcheck="false"
              required
            />
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
            <p class="form-error" role="alert">${this.error || nothing}</p>
            <button id="sign-in" class="primary" type="submit" ?disabled=${this.busy}>
              ${this.busy ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        </section>
        <section class="card accounts-card" aria-labelledby="accounts-title">
          <h2 id="accounts-title">Demo accounts</h2>
          <p class="muted">Every password is <code>demo</code>. Each account shows a different part of the policy.</p>
          <table class="accounts">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">What happens</th>
              </tr>
            </thead>
            <tbody>
              ${ACCOUNTS.map(
                (a) =>
                  html`<tr>
                    <th scope="row">
                      <button
                        class="link"
                        type="button"
                        @click=${() => this.fill(a.username)}
                        aria-label="Use ${a.username}"
                      >
                        ${a.username}
                      </button>
                    </th>
                    <td>${a.what}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </section>
      </div>
    `;
  }
}
customElements.define('acme-login', AcmeLogin);
