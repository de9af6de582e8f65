/**
 * The cookie of a remembered device (S58): its name and attributes, checked once when the service
 * is created, and reading it back from a request's `Cookie` header.
 *
 * It is a cookie of its own, apart from the host's session cookie: `HttpOnly` (no script reads
 * it), `Secure` (HTTPS only; only a `http://localhost` development setup turns that off),
 * `SameSite=Strict` by default, and with `Secure` and `Path=/` named with the `__Host-` prefix,
 * so no subdomain and no plain-HTTP page can plant or overwrite it.
 */

/** How the remembered-device cookie is written: `TotpServiceOptions.deviceCookie`. */
export interface DeviceCookieOptions {
  /** Default `__Host-totp-device` (with `secure` and path `/`), else `totp-device`. */
  name?: string;
  /**
   * Default true: the cookie is sent over HTTPS only. Set false only for development on
   * `http://localhost`, where browsers would otherwise drop it.
   */
  secure?: boolean;
  /** Default `Strict`. `Lax` sends it on top-level navigations from other sites as well. */
  sameSite?: 'Strict' | 'Lax';
  /** Default `/`: the guard of every protected route reads it. */
  path?: string;
}

/** The resolved cookie: its name and the attributes after the value. */
export interface DeviceCookie {
  readonly name: string;
  /** `; Path=/; HttpOnly; Secure; SameSite=Strict` */
  readonly attributes: string;
}

// RFC 6265 cookie-name: a token (no separators, no controls).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/;

/** Checks the options and resolves the defaults; throws a `TypeError` naming the bad option. */
export function resolveDeviceCookie(options: DeviceCookieOptions = {}): DeviceCookie {
  const { secure = true, sameSite = 'Strict', path = '/' } = options;
  if (typeof secure !== 'boolean') throw new TypeError('deviceCookie.secure must be true or false.');
  if (sameSite !== 'Strict' && sameSite !== 'Lax') {
    throw new TypeError('deviceCookie.sameSite must be "Strict" or "Lax".');
  }
  // eslint-disable-next-line no-control-regex
  if (typeof path !== 'string' || !path.startsWith('/') || /[;\u0000-\u001f\u007f]/.test(path)) {
    throw new TypeError(`deviceCookie.path must be a path such as "/", got ${JSON.stringify(path)}.`);
  }
  const name = options.name ?? (secure && path === '/' ? '__Host-totp-device' : 'totp-device');
  if (typeof name !== 'string' || !TOKEN.test(name)) {
    throw new TypeError(`deviceCookie.name must be a cookie name, got ${JSON.stringify(name)}.`);
  }
  if (name.startsWith('__Host-') && !(secure && path === '/')) {
    throw new TypeError('A __Host- cookie needs secure: true and path "/".');
  }
  if (name.startsWith('__Secure-') && !secure) throw new TypeError('A __Secure- cookie needs secure: true.');
  const attributes = `; Path=${path}; HttpOnly${secure ? '; Secure' : ''}; SameSite=${sameSite}`;
  return { name, attributes };
}

/** The `Set-Cookie` value that stores `value` for `maxAgeSeconds`. */
export function setDeviceCookie(cookie: DeviceCookie, value: string, maxAgeSeconds: number): string {
  return `${cookie.name}=${value}; Max-Age=${maxAgeSeconds}${cookie.attributes}`;
}

/** The `Set-Cookie` value that makes the browser forget the cookie. */
export function clearDeviceCookie(cookie: DeviceCookie): string {
  return `${cookie.name}=; Max-Age=0${cookie.attributes}`;
}

/** The cookie's value in a request, or null. A header with the name twice counts as none. */
export function readDeviceCookie(cookie: DeviceCookie, request: Request | null): string | null {
  const header = request?.headers.get('cookie');
  if (!header || header.length > 8192) return null;
  let found: string | null = null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== cookie.name) continue;
    // Two cookies of this name (one planted under another path): trust neither.
    if (found !== null) return null;
    found = part.slice(eq + 1).trim();
  }
  return found;
}
