/**
 * The Vite plugin that mounts the Acme Portal API in the dev server: real server code in the
 * same process as the page server, so `npm run demo` is one command with nothing else to start.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { toNodeHandler } from '@totp-gate/server';
import { DEMO_PASSWORD } from './accounts.js';
import { createDemoApi } from './app.js';
import { internalError, jsonError, sendWebResponse, toWebRequest } from './http.js';
import { privateFilesGuard } from './private-files.js';

/** The demo's server code: never served to a browser (S72). */
const SERVER_FOLDER = fileURLToPath(new URL('.', import.meta.url));

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

      // S72: before Vite's own middleware, so no path, encoded or not, reaches its file server.
      server.middlewares.use(
        privateFilesGuard(server.config.root, { folders: [dirname(resolve(dbPath)), SERVER_FOLDER] }),
      );
      // The TOTP contract through the library's own Node path (capped body, JSON errors, S70), by
      // the policy of the person signed in (only frank is offered "Don't ask again on this device").
      const totp = toNodeHandler(api.service);
      const remembering = toNodeHandler(api.remembering);
      /** Every `/api/` request gets a JSON answer here and never goes on to Vite (S73, S74). */
      async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
        try {
          if (req.url!.startsWith('/api/totp/')) {
            return await (api.remembersDevice(req.headers.cookie) ? remembering : totp)(req, res);
          }
          const request = await toWebRequest(req);
          const response =
            request instanceof Response
              ? request
              : ((await api.fetch(request, { address: req.socket.remoteAddress })) ??
                jsonError(404, 'not-found', 'No such API route.'));
          await sendWebResponse(res, response);
        } catch (error) {
          if (res.headersSent) res.destroy();
          else await sendWebResponse(res, internalError(error));
        }
      }
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith('/api/')) return next();
        void answer(req, res);
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
