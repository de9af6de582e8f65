/**
 * What the HTTP clients' tests (`http`, `http-account`, `admin-client`) share: JSON answers as real
 * `Response` objects, a `fetch` stub that records what it was sent, and the typed rejection a
 * refused call must end in.
 */
import { TotpGateError } from '../errors.js';
import { expect } from './expect.js';

/** A JSON answer, as a server sends it. */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** One request the stub was sent, its JSON body parsed. */
export interface SentRequest {
  url: string;
  method: string;
  body: unknown;
}

/** A `fetch` that answers `reply()` to every request and records each in `sent`. */
export function recordingFetch(reply: () => Response) {
  const sent: SentRequest[] = [];
  const fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    sent.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined });
    return reply();
  };
  return { sent, fetch };
}

/** The TotpGateError `promise` rejects with; fails the test when it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<TotpGateError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(TotpGateError);
    return error as TotpGateError;
  }
  throw new Error('expected a rejection');
}
