/**
 * Keeps the demo's private files off the dev server. Vite serves every file under its root
 * (`demo/`), transformed sources included, and anything under `server.fs.allow` through `/@fs/`.
 * The demo's database (and its `-wal`, `-shm` and `.key` files) and its server sources are
 * under that root, so this middleware runs before Vite's own and answers 404 to any request
 * whose path, once decoded, names one of them: whatever the encoding, letter case, `..`, query
 * or `/@fs/`, `/@id/` prefix. `vite.config.ts` denies the same files through `server.fs.deny`.
 */
import { posix, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Names that no page of the demo ever loads, matched in the decoded, lower-cased path. */
const PRIVATE_NAMES = [/(^|\/)\.data(\/|$)/, /\.sqlite/, /\.key($|\/)/, /(^|\/)server(\/|$)/, /(^|\/)\.env/];

/** Decodes percent-escapes until nothing changes (a double-encoded `%252e` is a dot too). */
function decodeFully(text: string): string {
  let current = text;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      // A broken escape: decode what can be decoded, so `%2e%zz` still shows its dot.
      next = current.replace(/%[0-9a-f]{2}/gi, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
    }
    if (next === current) break;
    current = next;
  }
  return current;
}

/** The folders and files one request may not reach: the data folder and the demo's server code. */
export interface PrivateFiles {
  /** Folders (absolute) no file of which is served. */
  folders: string[];
}

/** True when a request URL names a private file (see the module comment). */
export function isPrivateUrl(url: string, root: string, privateFiles: PrivateFiles): boolean {
  const decoded = decodeFully(url).replace(/\\/g, '/').replace(/\0/g, '');
  const path = decoded.toLowerCase();
  if (PRIVATE_NAMES.some((name) => name.test(path))) return true;
  // Where the path lands on disk: under the root, or absolute after `/@fs/`.
  const pathname = decoded.split(/[?#]/, 1)[0]!;
  const withoutPrefix = pathname.replace(/^\/@(fs|id)(?=\/)/, '');
  const candidates = [resolve(root, `.${posix.normalize(`/${pathname}`)}`), resolve(posix.normalize(withoutPrefix))];
  return candidates.some((file) =>
    privateFiles.folders.some((folder) => {
      const f = file.toLowerCase();
      const d = folder.toLowerCase();
      return f === d || f.startsWith(d.endsWith(sep) ? d : d + sep);
    }),
  );
}

/** Connect middleware: a JSON 404 for a private file (the same under `/api/`), else on to Vite. */
export function privateFilesGuard(root: string, privateFiles: PrivateFiles) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (!isPrivateUrl(req.url ?? '/', root, privateFiles)) return next();
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error: { code: 'not-found', message: 'Not found.' } }));
  };
}
