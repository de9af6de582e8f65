export * from '@totp-gate/elements/admin';
