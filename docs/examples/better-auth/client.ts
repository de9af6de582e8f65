// The page of an app on better-auth's two-factor plugin: <totp-gate> drives better-auth's endpoints.
import { createAuthClient } from 'better-auth/client';
import { twoFactorClient } from 'better-auth/client/plugins';
import { betterAuthBackend } from '@totp-gate/better-auth/client';
import '@totp-gate/elements';

const authClient = createAuthClient({ plugins: [twoFactorClient()] });
document.querySelector('totp-gate')!.backend = betterAuthBackend(authClient);
