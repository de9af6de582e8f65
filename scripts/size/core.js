export { createGate } from '@totp-gate/core';
export { createHttpBackend } from '@totp-gate/core/http';
