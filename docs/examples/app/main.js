// @ts-check
import '@totp-gate/elements/gate';

const form = /** @type {HTMLFormElement} */ (document.querySelector('#sign-in'));
const template = /** @type {HTMLTemplateElement} */ (document.querySelector('#app'));

async function signOut() {
  await fetch('/logout', { method: 'POST' });
  location.reload();
}

async function showNotes() {
  const response = await fetch('/api/notes');
  const list = /** @type {HTMLUListElement} */ (document.querySelector('#notes'));
  if (!response.ok) return void (list.textContent = `The notes API answered ${response.status}.`);
  const { notes } = /** @type {{ notes: string[] }} */ (await response.json());
  list.replaceChildren(...notes.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
}

if ((await fetch('/session')).ok) {
  // Signed in with a password: the gate shows enrollment or the code prompt, then the app.
  document.body.append(template.content.cloneNode(true));
  for (const button of document.querySelectorAll('.sign-out')) button.addEventListener('click', signOut);
  const gate = /** @type {import('@totp-gate/elements').TotpGate} */ (document.querySelector('totp-gate'));
  gate.addEventListener('totp-state-change', (event) => {
    if (['verified', 'exempt', 'deferred'].includes(event.state.status)) void showNotes();
  });
} else {
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const response = await fetch('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: fields.get('username'), password: fields.get('password') }),
    });
    if (response.ok) return location.reload();
    /** @type {HTMLElement} */ (document.querySelector('#sign-in-error')).textContent = 'Wrong user name or password.';
  });
}
