/**
 * Serves the REST contract's OpenAPI 3.1 document at `/openapi.json`: the very file
 * `@totp-gate/core` ships (`@totp-gate/core/openapi.json`, generated from the zod schemas when
 * core builds). In `npm run docs` it is read on every request; `npm run docs:build` copies it
 * into the built site.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const OPENAPI_PATH = '/openapi.json';

/** Where core's built document is; core must be built (`npm run build`). */
function documentFile(): string {
  return createRequire(import.meta.url).resolve('@totp-gate/core/openapi.json');
}

/** The dev server's route to the document. */
export function openApiDevRoute() {
  return {
    name: 'totp-gate-openapi',
    configureServer(server: {
      middlewares: { use(path: string, handle: (req: IncomingMessage, res: ServerResponse) => void): unknown };
    }) {
      server.middlewares.use(OPENAPI_PATH, (_req, res) => {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(readFileSync(documentFile()));
      });
    },
  };
}

/** For VitePress's `buildEnd`: the document beside the built pages. */
export function copyOpenApi(outDir: string): void {
  copyFileSync(documentFile(), join(outDir, OPENAPI_PATH.slice(1)));
}
