/**
 * Express is not a dependency of this repository. This declares the small part of its API the
 * example uses, with the same shapes as @types/express (its Request and Response extend Node's),
 * so that the example is type-checked against the real `toNodeHandler` signature.
 */
declare module 'express' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type Request = IncomingMessage;
  interface Response extends ServerResponse {
    json(body: unknown): this;
    status(code: number): this;
  }
  type Handler = (req: Request, res: Response, next: (error?: unknown) => void) => unknown;
  interface Application {
    use(path: string, ...handlers: Handler[]): this;
    get(path: string, ...handlers: Handler[]): this;
    listen(port: number, callback?: () => void): unknown;
  }
  function express(): Application;
  export default express;
  export type { Request, Response };
}
