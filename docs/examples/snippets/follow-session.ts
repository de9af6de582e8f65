import '@totp-gate/elements/gate';

const gate = document.querySelector('totp-gate')!;

// Your own API answers 403 totp-required when the verification expired or a route asked for a
// fresher code (S43): ask the gate to look again, and it shows the code field instead of the app.
export async function api(path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(path, init);
  if (response.status === 403) {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { error?: { code?: string } } | null;
    if (body?.error?.code === 'totp-required') await gate.refresh();
  }
  return response;
}

// A tab that comes back after hours may have outlived its verification: look again then too.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void gate.refresh();
});
