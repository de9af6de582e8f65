/**
 * The request `identify` and `onVerified` see under `toNodeHandler`: a read-only view over a
 * Node `IncomingMessage` that answers `method`, `url` and `headers` straight from it. Every other
 * `Request` member (`signal`, `clone()`, …) builds a real web `Request` the first time it is used,
 * without a body: the body is TOTP Gate's to read. Building that `Request` (undici, web streams)
 * for every call cost more CPU than verifying the code, which is why the view exists.
 */
import type { IncomingMessage } from 'node:http';

type Pairs = IterableIterator<[string, string]>;

/** The value of a Node header, as `Headers.get` gives it, or null. */
export function nodeHeader(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  if (value === undefined) return null;
  return typeof value === 'string' ? value : value.join(', ');
}

/** A read-only `Headers` over a Node request's headers (names are lower-case there already). */
class NodeHeaders {
  readonly #req: IncomingMessage;

  constructor(req: IncomingMessage) {
    this.#req = req;
  }

  get(name: string): string | null {
    return nodeHeader(this.#req, name.toLowerCase());
  }

  has(name: string): boolean {
    return this.#req.headers[name.toLowerCase()] !== undefined;
  }

  getSetCookie(): string[] {
    const value = this.#req.headers['set-cookie'];
    return value === undefined ? [] : [...value];
  }

  *entries(): Pairs {
    const headers = this.#req.headers;
    for (const name of Object.keys(headers).sort()) {
      if (name.startsWith(':')) continue;
      const value = nodeHeader(this.#req, name);
      if (value !== null) yield [name, value];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): Pairs {
    return this.entries();
  }

  forEach(callback: (value: string, name: string, headers: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this as unknown as Headers);
  }

  append(): never {
    return readOnly();
  }

  set(): never {
    return readOnly();
  }

  delete(): never {
    return readOnly();
  }
}

function readOnly(): never {
  throw new TypeError('The headers of a request served by toNodeHandler are read-only.');
}

/** See the module comment. */
export class NodeRequestView {
  readonly method: string;
  /** `http://localhost` and the path as the client sent it: the Host header is not trusted. */
  readonly url: string;
  readonly headers: Headers;
  readonly #req: IncomingMessage;
  #full: Request | undefined;

  constructor(req: IncomingMessage, path: string) {
    this.#req = req;
    this.method = req.method ?? 'GET';
    this.url = `http://localhost${path}`;
    this.headers = new NodeHeaders(req) as unknown as Headers;
  }

  /** The real `Request` behind the members the view does not answer itself. */
  full(): Request {
    if (this.#full === undefined) {
      const headers = new Headers();
      for (const [name, value] of Object.entries(this.#req.headers)) {
        if (value === undefined || name.startsWith(':')) continue;
        if (Array.isArray(value)) for (const item of value) headers.append(name, item);
        else headers.set(name, value);
      }
      this.#full = new Request(this.url, { method: this.method, headers });
    }
    return this.#full;
  }
}

for (const name of Object.getOwnPropertyNames(Request.prototype)) {
  if (name === 'constructor' || name === 'method' || name === 'url' || name === 'headers') continue;
  const member = Object.getOwnPropertyDescriptor(Request.prototype, name)!;
  Object.defineProperty(
    NodeRequestView.prototype,
    name,
    typeof member.value === 'function'
      ? {
          value(this: NodeRequestView, ...args: unknown[]) {
            const full = this.full() as unknown as Record<string, (...a: unknown[]) => unknown>;
            return full[name]!(...args);
          },
        }
      : {
          get: function (this: NodeRequestView) {
            return Reflect.get(this.full(), name);
          },
        },
  );
}

/** The view, typed as what `identify` takes. */
export function requestView(req: IncomingMessage, path: string): Request {
  return new NodeRequestView(req, path) as unknown as Request;
}
