export * from '@totp-gate/elements/manage';
