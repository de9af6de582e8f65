/**
 * The server side of the browser test of `betterAuthBackend` (test-browser/): a real better-auth
 * with Way 2's plugins on a fresh SQLite file, mounted by web-test-runner's dev server at
 * /api/auth/* through better-auth's own Node handler, so Chromium's page talks to it over HTTP
 * with the browser's own cookies. better-auth is made on the first request, with that request's
 * origin as its base URL (the dev server's port is only known then), and closed with the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeHandler } from 'better-auth/node';
import { createAuth, way2Plugins } from './app.js';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const byOrigin = new Map<string, Promise<NodeHandler>>();

/** Answers `req` with better-auth when its path is under /api/auth/; false for anything else. */
export async function serveBetterAuth(origin: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (!req.url?.startsWith('/api/auth/')) return false;
  let handler = byOrigin.get(origin);
  if (!handler) {
    handler = createAuth(way2Plugins(), { baseURL: origin, trustedOrigins: [origin] }).then((made) => {
      process.once('exit', () => made.close());
      return toNodeHandler(made.auth) as NodeHandler;
    });
    byOrigin.set(origin, handler);
  }
  await (
    await handler
  )(req, res);
  return true;
}
