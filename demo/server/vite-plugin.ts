/**
 * The Vite plugin that mounts the Acme Portal API in the dev server: real server code in the
 * same process as the page server, so `npm run demo` is one command with nothing else to start.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { DEMO_PASSWORD } from './accounts.js';
import { createDemoApi } from './app.js';
import { sendWebResponse, toWebRequest } from './http.js';

/** Options of {@link acmeDemoApi}; environment variables fill what is not given. */
export interface AcmeDemoApiOptions {
  /** The SQLite file. Default: `DEMO_DB`, else `demo/.data/demo.sqlite`. */
  dbPath?: string;
  /** Short lock-outs for the end-to-end tests. Default: `DEMO_TEST=1`. */
  test?: boolean;
}

/** What the plugin offers other code through `plugin.api` (scripts/demo.mjs prints the banner). */
export interface AcmeDemoApiPluginApi {
  /** The accounts and the data file, as lines for the console. Empty until the server is configured. */
  banner(): string;
}

/** Mounts `/api/*` as dev-server middleware. */
export function acmeDemoApi(options: AcmeDemoApiOptions = {}): Plugin<AcmeDemoApiPluginApi> {
  let banner = '';
  return {
    name: 'acme-demo-api',
    api: { banner: () => banner },
    configureServer(server) {
      const dbPath =
        options.dbPath ?? process.env.DEMO_DB ?? fileURLToPath(new URL('../.data/demo.sqlite', import.meta.url));
      const test = options.test ?? process.env.DEMO_TEST === '1';
      const api = createDemoApi({ dbPath, test, quiet: process.env.DEMO_QUIET === '1', store: process.env.DEMO_STORE });

      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith('/api/')) return next();
        toWebRequest(req)
          .then((request) => api.fetch(request))
          .then((response) => (response ? sendWebResponse(res, response) : next()))
          .catch((error: unknown) => next(error));
      });
      const rows = api.accounts.map((a) => `    ${a.username.padEnd(6)} ${a.scenario}`).join('\n');
      banner =
        `  Accounts (password "${DEMO_PASSWORD}"):\n${rows}\n\n` +
        `  Data: ${dbPath}${test ? '  (test configuration: 3-second lock-outs)' : ''}\n` +
        `  TOTP state: ${api.storeWhere} (DEMO_STORE=postgres://… or redis://… to share it)\n` +
        `  Start again from nothing: stop the demo, then \`npm run demo:reset\`.`;
      server.httpServer?.once('close', () => api.close());
    },
  };
}
