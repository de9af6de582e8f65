/**
 * The peers we compare bundle sizes with: their pinned versions (peers.json), the on-demand install
 * into an ignored cache folder, and the entry each one is measured with. Every entry is what an app
 * would write to show that peer's sign-in / MFA screen (UI peers) or to run TOTP enrollment and
 * sign-in calls (headless peers), so tree shaking keeps exactly what such an app ships.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './paths.js';

export const PEERS_DIR = join(BENCH_DIR, '.peers');

/** Exact versions from peers.json. */
export function pinnedPeers(): Record<string, string> {
  const file = JSON.parse(readFileSync(join(BENCH_DIR, 'peers.json'), 'utf8')) as { packages: Record<string, string> };
  return file.packages;
}

/** The installed version of a peer in the cache folder, or undefined. */
export function installedVersion(name: string): string | undefined {
  const manifest = join(PEERS_DIR, 'node_modules', name, 'package.json');
  if (!existsSync(manifest)) return undefined;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * Installs the pinned peers into packages/bench/.peers unless every one is already there at its
 * pinned version. One install for all, so shared dependencies (react) resolve once.
 * Install scripts are off: nothing downloads binaries or browsers.
 */
export function ensurePeers(log: (line: string) => void, timeoutMs: number): { installed: boolean; error?: string } {
  const pinned = pinnedPeers();
  const stale = Object.entries(pinned).filter(([name, version]) => installedVersion(name) !== version);
  if (stale.length === 0) return { installed: false };
  log(`installing ${stale.length} peer package(s) into ${PEERS_DIR} (cached for later runs)…`);
  mkdirSync(PEERS_DIR, { recursive: true });
  const specs = Object.entries(pinned).map(([name, version]) => `${name}@${version}`);
  const run = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      PEERS_DIR,
      '--no-save',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...specs,
    ],
    { encoding: 'utf8', timeout: timeoutMs },
  );
  if (run.status !== 0)
    return { installed: true, error: (run.stderr || run.error?.message || 'npm install failed').trim() };
  return { installed: true };
}

/** How a peer is measured: bundled from an entry, or (fallback) its shipped browser files. */
export interface PeerEntry {
  id: string;
  label: string;
  /** Packages (keys of peers.json) whose versions the row reports. */
  packages: string[];
  kind: 'ui' | 'headless';
  /** What the entry does, for the method section. */
  what: string;
  /** JavaScript source of the entry, bundled with esbuild exactly like ours. */
  contents: string;
  /** Shipped browser files (relative to .peers/node_modules) measured if bundling fails. */
  shipped: string[];
  /** Export conditions; peers are bundled with esbuild's defaults for the browser. */
  conditions?: string[];
}

export const PEER_ENTRIES: PeerEntry[] = [
  {
    id: 'amplify',
    label: 'AWS Amplify UI Authenticator',
    packages: ['@aws-amplify/ui-react', 'aws-amplify', 'react', 'react-dom'],
    kind: 'ui',
    what: '`<Authenticator>` (which includes TOTP setup with its QR code and the TOTP challenge) rendered with React 19 into a root, `Amplify.configure` for Cognito, and the documented `styles.css`',
    contents: `
      import { Amplify } from 'aws-amplify';
      import { Authenticator } from '@aws-amplify/ui-react';
      import '@aws-amplify/ui-react/styles.css';
      import { createElement } from 'react';
      import { createRoot } from 'react-dom/client';
      Amplify.configure({ Auth: { Cognito: { userPoolId: 'us-east-1_example', userPoolClientId: 'example' } } });
      createRoot(document.getElementById('app')).render(
        createElement(Authenticator, null, () => createElement('p', null, 'signed in')),
      );`,
    shipped: [],
  },
  {
    id: 'okta',
    label: 'Okta Sign-In Widget',
    packages: ['@okta/okta-signin-widget'],
    kind: 'ui',
    what: "`new OktaSignIn({...}).showSignIn({ el })` from the package's ESM build, plus its `okta-sign-in.min.css`",
    contents: `
      import OktaSignIn from '@okta/okta-signin-widget';
      import '@okta/okta-signin-widget/css/okta-sign-in.min.css';
      const widget = new OktaSignIn({ issuer: 'https://example.okta.com/oauth2/default', clientId: 'example', redirectUri: location.href });
      widget.showSignIn({ el: '#app' });`,
    shipped: [
      '@okta/okta-signin-widget/dist/js/okta-sign-in.min.js',
      '@okta/okta-signin-widget/dist/css/okta-sign-in.min.css',
    ],
  },
  {
    id: 'clerk',
    label: 'Clerk (clerk-js + UI)',
    packages: ['@clerk/clerk-js', '@clerk/ui'],
    kind: 'ui',
    what: "`new Clerk(key).load({ ui })` with the bundled UI from `@clerk/ui`, then `mountSignIn` (Clerk's sign-in handles TOTP second factors)",
    contents: `
      import { Clerk } from '@clerk/clerk-js';
      import { ui } from '@clerk/ui';
      const clerk = new Clerk('pk_test_ZXhhbXBsZS5jbGVyay5hY2NvdW50cy5kZXYk');
      await clerk.load({ ui });
      clerk.mountSignIn(document.getElementById('app'));`,
    shipped: ['@clerk/clerk-js/dist/clerk.browser.js', '@clerk/ui/dist/ui.browser.js'],
  },
  {
    id: 'stytch',
    label: 'Stytch UI (B2B, with TOTP MFA)',
    packages: ['@stytch/vanilla-js'],
    kind: 'ui',
    what: "`StytchB2BUIClient.mount` from `@stytch/vanilla-js/b2b` (Stytch's prebuilt UI with TOTP MFA is the B2B one)",
    contents: `
      import { StytchB2BUIClient } from '@stytch/vanilla-js/b2b';
      const client = new StytchB2BUIClient('public-token-test-00000000-0000-0000-0000-000000000000');
      client.mount({
        elementId: '#app',
        client,
        config: {
          products: ['emailMagicLinks', 'passwords'],
          sessionOptions: { sessionDurationMinutes: 60 },
          authFlowType: 'Discovery',
          mfaProductInclude: ['totp'],
        },
      });`,
    shipped: [],
  },
  {
    id: 'firebase',
    label: 'Firebase Auth TOTP (headless)',
    packages: ['firebase'],
    kind: 'headless',
    what: '`initializeApp` + `getAuth`, then the TOTP calls: `multiFactor(user).getSession()`, `TotpMultiFactorGenerator.generateSecret`, `generateQrCodeUrl`, `assertionForEnrollment`, `enroll`, `getMultiFactorResolver`, `assertionForSignIn`, `resolveSignIn`',
    contents: `
      import { initializeApp } from 'firebase/app';
      import { getAuth, getMultiFactorResolver, multiFactor, TotpMultiFactorGenerator } from 'firebase/auth';
      const auth = getAuth(initializeApp({ apiKey: 'example', authDomain: 'example.firebaseapp.com' }));
      export async function enroll(code) {
        const session = await multiFactor(auth.currentUser).getSession();
        const secret = await TotpMultiFactorGenerator.generateSecret(session);
        const uri = secret.generateQrCodeUrl('user@example.com', 'Example');
        await multiFactor(auth.currentUser).enroll(TotpMultiFactorGenerator.assertionForEnrollment(secret, code), 'app');
        return uri;
      }
      export async function signIn(error, code) {
        const resolver = getMultiFactorResolver(auth, error);
        const hint = resolver.hints.find((h) => h.factorId === TotpMultiFactorGenerator.FACTOR_ID);
        return resolver.resolveSignIn(TotpMultiFactorGenerator.assertionForSignIn(hint.uid, code));
      }`,
    shipped: [],
  },
  {
    id: 'supabase',
    label: 'Supabase auth-js MFA (headless)',
    packages: ['@supabase/auth-js'],
    kind: 'headless',
    what: '`new AuthClient({ url })` and `mfa.enroll({ factorType: "totp" })`, `mfa.challenge`, `mfa.verify`, `mfa.getAuthenticatorAssuranceLevel`',
    contents: `
      import { AuthClient } from '@supabase/auth-js';
      const auth = new AuthClient({ url: 'https://example.supabase.co/auth/v1' });
      export async function enroll() {
        return auth.mfa.enroll({ factorType: 'totp' });
      }
      export async function verify(factorId, code) {
        const { data } = await auth.mfa.challenge({ factorId });
        await auth.mfa.verify({ factorId, challengeId: data.id, code });
        return auth.mfa.getAuthenticatorAssuranceLevel();
      }`,
    shipped: [],
  },
];
