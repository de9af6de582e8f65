import '@totp-gate/elements/gate';
