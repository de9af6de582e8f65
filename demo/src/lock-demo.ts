import { html, nothing } from 'lit';
import { api, type RawAnswer } from './api.js';
import { AuditChangedEvent } from './audit-panel.js';
import { LightElement } from './light-element.js';

/**
 * "The browser is not the lock": calls the protected notes API straight from the page, the way
 * someone who deleted `<totp-gate>` in developer tools would, and shows what the server answers.
 */
export class AcmeLockDemo extends LightElement {
  static override properties = { answer: { state: true }, busy: { state: true } };
  declare answer: RawAnswer | null;
  declare busy: boolean;

  constructor() {
    super();
    this.answer = null;
    this.busy = false;
  }

  private async probe(): Promise<void> {
    this.busy = true;
    try {
      this.answer = await api.notesRaw();
    } catch {
      this.answer = { status: 0, body: 'The request did not reach the server.' };
    }
    this.busy = false;
    this.dispatchEvent(new AuditChangedEvent());
  }

  private summary(answer: RawAnswer): string {
    if (answer.status === 200) {
      const count = (answer.body as { notes?: unknown[] }).notes?.length ?? 0;
      return `HTTP 200: the server handed over ${count} notes, because this session passed its checks.`;
    }
    if (answer.status === 403)
      return 'HTTP 403: refused. The server has no record of a second factor for this session.';
    if (answer.status === 401) return 'HTTP 401: refused. This request carries no signed-in session.';
    return `HTTP ${answer.status}`;
  }

  override render() {
    const a = this.answer;
    return html`
      <section class="card lock-demo" aria-labelledby="lock-demo-title">
        <h2 id="lock-demo-title">The browser is not the lock</h2>
        <p class="muted">
          The screens on the left only decide what you see. The notes API asks the server's own record of this session
          before it answers, so removing the sign-in screen in developer tools gains nothing.
        </p>
        <button class="secondary" type="button" @click=${this.probe} ?disabled=${this.busy}>
          Try to read the notes API directly
        </button>
        <div class="probe-result" role="status">
          ${
            a
              ? html`<p class="probe-summary ${a.status === 200 ? 'ok' : 'refused'}">
                    <strong>GET /api/notes</strong> → ${this.summary(a)}
                  </p>
                  <pre class="probe-body" aria-label="Response body">
${JSON.stringify(a.body, null, 2).slice(0, 1200)}</pre>`
              : nothing
          }
        </div>
      </section>
    `;
  }
}
customElements.define('acme-lock-demo', AcmeLockDemo);
