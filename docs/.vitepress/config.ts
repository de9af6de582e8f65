/**
 * The TOTP Gate documentation site. Pages live beside this folder; the API tables, the policy
 * defaults, the REST contract and the list of security promises are generated at build time by
 * the data loaders in `./data`, so the pages cannot drift from the code.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';
import { copyOpenApi, openApiDevRoute } from './openapi.js';

const docsRoot = fileURLToPath(new URL('../', import.meta.url));

/**
 * `performance.md` is written by `npm run bench` (packages/bench). It is linked only when it
 * exists, so a checkout without benchmark figures still builds with no dead link.
 */
const hasPerformance = existsSync(`${docsRoot}performance.md`);

const components: DefaultTheme.SidebarItem[] = [
  { text: 'Overview', link: '/components/' },
  { text: '&lt;totp-gate&gt;', link: '/components/totp-gate' },
  { text: '&lt;totp-enroll&gt;', link: '/components/totp-enroll' },
  { text: '&lt;totp-challenge&gt;', link: '/components/totp-challenge' },
  { text: '&lt;totp-code-input&gt;', link: '/components/totp-code-input' },
  { text: '&lt;totp-recovery-codes&gt;', link: '/components/totp-recovery-codes' },
  { text: '&lt;totp-qr&gt;', link: '/components/totp-qr' },
  { text: '&lt;totp-manage&gt;', link: '/components/totp-manage' },
  { text: '&lt;totp-admin&gt;', link: '/components/totp-admin' },
];

const sidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Guide',
    items: [
      { text: 'Getting started', link: '/guide/getting-started' },
      { text: 'Framework recipes', link: '/guide/frameworks' },
      { text: 'Theming', link: '/guide/theming' },
      { text: 'Languages (i18n)', link: '/guide/i18n' },
      { text: 'Accessibility', link: '/guide/accessibility' },
      { text: 'Account management', link: '/guide/account-management' },
      { text: 'Screenshots', link: '/guide/screenshots' },
    ],
  },
  { text: 'Components', items: components },
  {
    text: 'Server',
    items: [
      { text: 'Server and mounting', link: '/server/' },
      { text: 'Server recipes', link: '/server/recipes' },
      { text: 'REST contract v1', link: '/server/rest-contract' },
      { text: 'Policy', link: '/server/policy' },
      { text: 'The encryption key', link: '/server/encryption-key' },
      { text: 'Writing an adapter', link: '/server/adapters' },
      { text: 'better-auth', link: '/server/better-auth' },
      { text: 'Running on several servers', link: '/server/several-servers' },
      { text: 'Administration', link: '/server/admin' },
      { text: 'The totp-gate command', link: '/server/cli' },
    ],
  },
  {
    text: 'Security and quality',
    items: [
      { text: 'Security model', link: '/security' },
      ...(hasPerformance ? [{ text: 'Performance', link: '/performance' }] : []),
    ],
  },
];

export default defineConfig({
  title: 'TOTP Gate',
  description: 'Mandatory authenticator-app (TOTP) two-factor authentication for any web app.',
  lang: 'en-US',
  cleanUrls: false,
  lastUpdated: false,
  // Dead links fail the build (VitePress's default); nothing is ignored.
  ignoreDeadLinks: false,
  srcExclude: ['examples/**', 'test/**', 'scripts/**', 'README.md', '**/node_modules/**'],
  head: [
    ['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }],
    ['meta', { name: 'theme-color', content: '#2f5bd3' }],
  ],
  markdown: {
    theme: { light: 'github-light', dark: 'github-dark' },
  },
  vue: {
    template: {
      // The live examples use the real custom elements; Vue must leave `totp-*` tags alone.
      compilerOptions: { isCustomElement: (tag) => tag.startsWith('totp-') },
    },
  },
  // The REST contract as OpenAPI 3.1, downloadable at /openapi.json (linked from the contract page).
  buildEnd: (site) => copyOpenApi(site.outDir),
  vite: {
    plugins: [openApiDevRoute()],
    build: {
      // The live examples carry lit, zod/mini, qrcode and otpauth (for the fake backend's real codes).
      chunkSizeWarningLimit: 1200,
      rollupOptions: {
        onwarn(warning, warn) {
          // zod 4 puts explanatory comments in front of its /*@__PURE__*/ annotations; Rollup drops
          // the comments and says so. Harmless, and not ours to fix. Every other warning is shown
          // (and fails `npm run docs:build`).
          if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
          warn(warning);
        },
      },
    },
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started', activeMatch: '^/guide/' },
      { text: 'Components', link: '/components/', activeMatch: '^/components/' },
      { text: 'Server', link: '/server/', activeMatch: '^/server/' },
      { text: 'Security', link: '/security' },
      ...(hasPerformance ? [{ text: 'Performance', link: '/performance' }] : []),
    ],
    sidebar,
    outline: { level: [2, 3] },
    search: { provider: 'local' },
    footer: { message: 'MIT licensed.' },
  },
});
