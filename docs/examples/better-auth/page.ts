// The page: better-auth's client signs in, <totp-gate endpoint="/api/totp"> asks for the code.
// <form id="sign-in">…</form>
// <totp-gate endpoint="/api/totp" hidden><acme-notes></acme-notes></totp-gate>
import { createAuthClient } from 'better-auth/client';
import '@totp-gate/elements';

const authClient = createAuthClient();
const form = document.querySelector<HTMLFormElement>('#sign-in')!;
const gate = document.querySelector('totp-gate')!;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const { error } = await authClient.signIn.email({
    email: String(data.get('email')),
    password: String(data.get('password')),
  });
  if (error) return void form.setAttribute('aria-invalid', 'true');
  form.hidden = true;
  gate.hidden = false; // enrollment, the code, recovery codes: the gate takes it from here
  await gate.gate?.refresh();
});

document.querySelector('#sign-out')?.addEventListener('click', async () => {
  await authClient.signOut();
  location.reload();
});
