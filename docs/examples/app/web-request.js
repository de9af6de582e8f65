// @ts-check
/**
 * The web `Request` that `identify()` and `guard()` read, from a Node/Express request: method,
 * URL and headers (neither needs the body).
 * @param {import('node:http').IncomingMessage} req
 * @returns {Request}
 */
export function webRequest(req) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  return new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), {
    method: req.method,
    headers,
  });
}
