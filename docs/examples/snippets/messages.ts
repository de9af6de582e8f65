import '@totp-gate/elements/gate';

const gate = document.querySelector('totp-gate')!;

// Override single messages (any key of the catalogue); everything else stays translated.
gate.messages = {
  verify: 'Continue',
  codeHint: 'Open the Acme Authenticator app and enter the {digits}-digit code.',
};

// Pick a shipped locale (en, de, fr, es). Without it, the nearest [lang] ancestor or the page's lang is used.
gate.lang = 'de';
