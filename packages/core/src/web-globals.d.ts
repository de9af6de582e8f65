/* eslint-disable no-var -- ambient global declarations must use var */
// The few web-standard globals core uses, declared without the DOM library so that a stray
// `window` or `document` in core fails to compile. Browsers, Node 20+, Deno, Bun and workers
// all provide these. Only core's own tsconfig includes this file; every consumer has its own
// (DOM or @types/node) declarations.

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
  throwIfAborted(): void;
}
declare var AbortSignal: {
  prototype: AbortSignal;
  timeout(ms: number): AbortSignal;
  any(signals: AbortSignal[]): AbortSignal;
  abort(reason?: unknown): AbortSignal;
};

interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare var AbortController: { prototype: AbortController; new (): AbortController };

interface Headers {
  get(name: string): string | null;
  has(name: string): boolean;
  set(name: string, value: string): void;
}
declare var Headers: { prototype: Headers; new (init?: Record<string, string> | [string, string][]): Headers };

type RequestCredentials = 'include' | 'omit' | 'same-origin';
type BodyInit = string | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;

interface ReadableStream<R = unknown> {
  readonly locked: boolean;
  cancel(reason?: unknown): Promise<void>;
  getReader(): { read(): Promise<{ done: boolean; value?: R }>; cancel(): Promise<void> };
}
declare var ReadableStream: {
  prototype: ReadableStream;
  new <R = unknown>(source?: {
    start?(controller: { enqueue(chunk: R): void; close(): void; error(e?: unknown): void }): void;
    pull?(controller: { enqueue(chunk: R): void; close(): void; error(e?: unknown): void }): void | Promise<void>;
    cancel?(reason?: unknown): void;
  }): ReadableStream<R>;
};

interface RequestInit {
  method?: string;
  headers?: Record<string, string> | Headers;
  body?: BodyInit | null;
  credentials?: RequestCredentials;
  cache?: 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached';
  signal?: AbortSignal | null;
}

interface Request {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;
  text(): Promise<string>;
  json(): Promise<unknown>;
}
declare var Request: { prototype: Request; new (input: string | Request, init?: RequestInit): Request };

interface ResponseInit {
  status?: number;
  statusText?: string;
  headers?: Record<string, string> | Headers;
}
interface Response {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: Headers;
  readonly body: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
  json(): Promise<unknown>;
  clone(): Response;
}
declare var Response: {
  prototype: Response;
  new (body?: BodyInit | null, init?: ResponseInit): Response;
  json(data: unknown, init?: ResponseInit): Response;
};

declare function fetch(input: string | Request, init?: RequestInit): Promise<Response>;

interface URLSearchParams {
  get(name: string): string | null;
  has(name: string): boolean;
  set(name: string, value: string): void;
  toString(): string;
}
declare var URLSearchParams: { prototype: URLSearchParams; new (init?: string): URLSearchParams };

interface URL {
  readonly href: string;
  readonly protocol: string;
  readonly pathname: string;
  readonly search: string;
  readonly searchParams: URLSearchParams;
}
declare var URL: { prototype: URL; new (url: string, base?: string): URL };

interface ImportMeta {
  readonly url: string;
}

declare var crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T;
  readonly subtle: unknown;
};

declare function setTimeout(callback: (...args: unknown[]) => void, ms?: number): unknown;
declare function clearTimeout(id: unknown): void;
declare var queueMicrotask: (callback: () => void) => void;
