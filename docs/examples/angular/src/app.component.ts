import '@totp-gate/elements/gate'; // registers <totp-gate>; its steps load when needed
import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import type { GateStatus } from '@totp-gate/core';
import type { TotpStateChangeEvent, TotpVerifiedEvent } from '@totp-gate/elements';

@Component({
  selector: 'app-root',
  // Lets Angular accept <totp-gate> and its attributes, properties and events.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <totp-gate
      endpoint="/api/totp"
      lang="en"
      (totp-state-change)="onStateChange($event)"
      (totp-verified)="onVerified($event)"
    >
      <strong slot="logo">Acme Portal</strong>
      <main>
        <h1>Welcome back</h1>
        <p>Two-factor status: {{ status() }}</p>
      </main>
    </totp-gate>
  `,
})
export class AppComponent {
  readonly status = signal<GateStatus>('checking');

  onStateChange(event: Event) {
    this.status.set((event as TotpStateChangeEvent).state.status);
  }

  onVerified(event: Event) {
    console.info('Second factor passed with', (event as TotpVerifiedEvent).method);
  }
}
