// Browser tests for core, elements and the better-auth client, in Debian's Chromium (never a
// downloaded browser).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { chromeLauncher } from '@web/test-runner-chrome';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

/** @typedef {import('@web/test-runner').TestRunnerConfig} TestRunnerConfig */
/** @typedef {NonNullable<TestRunnerConfig['middleware']>[number]} Middleware */
/** @typedef {Parameters<Middleware>[0]} Context */

// The plugin's one .d.ts describes its CommonJS build, so under NodeNext its default import reads
// as the module object; the ES build this file loads does export the function as default.
const commonjs = fromRollup(
  /** @type {typeof import('@rollup/plugin-commonjs').default} */ (/** @type {unknown} */ (rollupCommonjs)),
);

/**
 * CommonJS entry points that browser code imports by default export, served as one ES module each
 * (esbuild bundles the entry and its requires). The Rollup CommonJS plugin alone only gives an
 * ES importer `__require`, because the dev server does not run its import proxies.
 */
const ESM_BUNDLED = ['node_modules/qrcode/lib/core/qrcode.js', 'node_modules/jsqr/dist/jsQR.js'];
/** @type {import('@web/test-runner').TestRunnerPlugin} */
const cjsAsEsm = {
  name: 'cjs-entry-as-esm',
  async serve(context) {
    const path = context.path.replace(/^\//, '');
    if (!ESM_BUNDLED.includes(path)) return undefined;
    const result = await build({
      entryPoints: [fileURLToPath(new URL(path, import.meta.url))],
      bundle: true,
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const [output] = result.outputFiles;
    if (!output) throw new Error(`esbuild wrote nothing for ${path}`);
    return { body: output.text, type: 'js' };
  },
};

/**
 * Test pages named `*.csp.html` are served under the strict policy of S38. `?trusted-types=a+b`
 * also restricts the names of Trusted Types policies, to prove which ones the elements create.
 * @param {Context} context
 * @param {() => Promise<unknown>} next
 */
async function strictCspForTestPages(context, next) {
  await next();
  if (!context.path.endsWith('.csp.html')) return;
  const names = context.query['trusted-types'];
  const policy = ["default-src 'self'", "require-trusted-types-for 'script'"];
  if (typeof names === 'string' && /^[\w\- ]+$/.test(names)) policy.push(`trusted-types ${names}`);
  context.set('Content-Security-Policy', policy.join('; '));
}

/**
 * A middleware that answers the requests under `prefix` with a test server module (TypeScript,
 * loaded through tsx on the first such request only) and lets every other request through.
 * @template M
 * @param {string} prefix
 * @param {string} modulePath
 * @param {(module: M, context: Context) => Promise<unknown>} serve
 * @returns {Middleware}
 */
function lazyTestServer(prefix, modulePath, serve) {
  /** @type {Promise<M> | undefined} */
  let loaded;
  return async (context, next) => {
    if (!context.path.startsWith(prefix)) return next();
    loaded ??= tsImport(modulePath, import.meta.url);
    const module = await loaded;
    context.respond = false;
    await serve(module, context);
  };
}

/**
 * A real better-auth at /api/auth/* for the better-auth group's page (packages/better-auth/
 * src/test/browser-server.ts), in this process.
 */
const betterAuthForBrowserTests = lazyTestServer(
  '/api/auth/',
  './packages/better-auth/src/test/browser-server.ts',
  /** @param {typeof import('./packages/better-auth/src/test/browser-server.ts')} module */
  (module, context) => module.serveBetterAuth(context.origin, context.req, context.res),
);

/**
 * A real TOTP Gate service with its admin mount at /api/totp-admin-test/<key>/, for the admin
 * client's and `<totp-admin>`'s tests (packages/server/src/test/admin-browser-server.ts).
 */
const adminMountForBrowserTests = lazyTestServer(
  '/api/totp-admin-test/',
  './packages/server/src/test/admin-browser-server.ts',
  /** @param {typeof import('./packages/server/src/test/admin-browser-server.ts')} module */
  (module, context) => module.serveAdminTest(context.req, context.res),
);

/**
 * TypeScript compiled as each package's build compiles it: the elements' sources with
 * packages/elements/tsconfig.json's `useDefineForClassFields: false` (a reactive property's
 * default is then assigned through Lit's accessor instead of hiding it), all else with
 * tsconfig.base.json. The dev server's esbuild plugin takes one tsconfig, so there are two.
 */
function typescript() {
  /** @typedef {import('@web/test-runner').TestRunnerPlugin} Plugin */
  /** @typedef {'serverStart' | 'resolveMimeType' | 'resolveImport' | 'transformCacheKey' | 'transform'} Hook */
  /** @param {string} tsconfig (the esbuild plugin has each of those hooks) */
  const esbuildWith = (tsconfig) =>
    /** @type {Required<Pick<Plugin, Hook>>} */ (esbuildPlugin({ ts: true, target: 'es2022', tsconfig }));
  const base = esbuildWith('tsconfig.base.json');
  const elements = esbuildWith('packages/elements/tsconfig.json');
  /** @type {Plugin} */
  const plugin = {
    name: 'typescript',
    async serverStart(args) {
      await base.serverStart(args);
      await elements.serverStart(args);
    },
    resolveMimeType: (context) => base.resolveMimeType(context),
    resolveImport: (args) => base.resolveImport(args),
    transformCacheKey: (context) => base.transformCacheKey(context),
    transform: (context) => (context.path.startsWith('/packages/elements/src/') ? elements : base).transform(context),
  };
  return plugin;
}

const executablePath = findChromium();

/** @type {TestRunnerConfig} */
export default {
  rootDir: '.',
  nodeResolve: { exportConditions: ['@totp-gate/source', 'browser', 'development'] },
  concurrency: 2,
  middleware: [strictCspForTestPages, betterAuthForBrowserTests, adminMountForBrowserTests],
  testFramework: { config: { timeout: 10000 } },
  groups: [
    { name: 'core', files: 'packages/core/src/**/*.test.ts' },
    { name: 'elements', files: 'packages/elements/src/**/*.test.ts' },
    {
      name: 'better-auth',
      files: 'packages/better-auth/test-browser/**/*.test.ts',
      // nanostores (under better-auth's client) reads process.env.NODE_ENV in its development
      // build, which an app's bundler replaces; the test page defines it instead.
      /** @param {string} testFramework */
      testRunnerHtml: (testFramework) =>
        `<html><body><script>globalThis.process = { env: { NODE_ENV: 'development' } };</script>` +
        `<script type="module" src="${testFramework}"></script></body></html>`,
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
      },
      // Each test file in its own browser context (its own window): with two files at a time in
      // one window, the background tab gets no focus and no frames, so keyboard tests hang.
      async createPage({ browser }) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        page.once('close', () => void context.close().catch(() => {}));
        return page;
      },
    }),
  ],
  plugins: [
    cjsAsEsm,
    commonjs({
      include: [
        '**/node_modules/qrcode/**',
        '**/node_modules/dijkstrajs/**',
        '**/node_modules/pngjs/**',
        '**/node_modules/jsqr/**',
      ],
    }),
    typescript(),
  ],
};
