import '@totp-gate/elements/gate'; // registers <totp-gate>; its steps load when needed
import { useState } from 'react';
import type { GateStatus } from '@totp-gate/core';

export function App() {
  const [status, setStatus] = useState<GateStatus>('checking');

  return (
    <totp-gate
      endpoint="/api/totp"
      lang="en"
      // React 19 passes on* props of custom elements to addEventListener, typed in totp-gate-jsx.ts.
      ontotp-state-change={(event) => setStatus(event.state.status)}
      ontotp-verified={(event) => console.info('Second factor passed with', event.method)}
    >
      <strong slot="logo">Acme Portal</strong>
      <main>
        <h1>Welcome back</h1>
        <p>Two-factor status: {status}</p>
      </main>
    </totp-gate>
  );
}
