/**
 * Sign-in throttling for the demo's password step: failed sign-ins are counted per account and
 * per client address (an IPv6 address by its /64, the network a single host is given) in a
 * sliding window. Once either count reaches its limit, sign-ins for that account or from that
 * address answer 429 with `Retry-After` until the oldest failure leaves the window, without the
 * password being checked, so a blocked guess tells nothing, costs no scrypt, and writes nothing.
 * Brute force on one account from many addresses meets the account's limit; spraying many
 * accounts from one address meets the address's. A success clears its account's count only.
 *
 * The counts live in memory (one process, like the demo); at most `maxKeys` keys are kept, the
 * oldest dropped first, so a flood of addresses cannot grow it without bound.
 */

/** A limit: at most `limit` failures within `windowMs`. */
export interface ThrottleLimit {
  limit: number;
  windowMs: number;
}

/** Options of {@link createSignInThrottle}. */
export interface SignInThrottleOptions {
  perAccount: ThrottleLimit;
  perAddress: ThrottleLimit;
  /** Keys kept at most (accounts plus addresses). */
  maxKeys?: number;
  now?: () => number;
}

/** The key an address is counted under: IPv4 as it is, IPv6 by its first four groups (/64). */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The throttle. `check` before the password, `failed`/`succeeded` after it. */
export function createSignInThrottle(options: SignInThrottleOptions) {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  /** Key → times of its failures, oldest first, never more than its limit. */
  const failures = new Map<string, number[]>();

  function recent(key: string, { windowMs }: ThrottleLimit, at: number): number[] {
    const times = (failures.get(key) ?? []).filter((t) => t > at - windowMs);
    if (times.length) failures.set(key, times);
    else failures.delete(key);
    return times;
  }

  /** Seconds until `key` may try again (0: now). */
  function waitFor(key: string, limit: ThrottleLimit, at: number): number {
    const times = recent(key, limit, at);
    return times.length < limit.limit ? 0 : Math.max(1, Math.ceil((times[0]! + limit.windowMs - at) / 1000));
  }

  function add(key: string, limit: ThrottleLimit, at: number): boolean {
    const times = recent(key, limit, at);
    times.push(at);
    while (times.length > limit.limit) times.shift();
    failures.delete(key); // re-insert: the Map's order is then oldest use first
    failures.set(key, times);
    while (failures.size > maxKeys) failures.delete(failures.keys().next().value!);
    return times.length === limit.limit;
  }

  const accountKey = (username: string) => `account ${username}`;

  return {
    /** Seconds to wait before a sign-in for `username` (a known account, or null) from `address`. */
    check(username: string | null, address: string | undefined): number {
      const at = now();
      const byAddress = waitFor(`address ${addressKey(address)}`, options.perAddress, at);
      const byAccount = username === null ? 0 : waitFor(accountKey(username), options.perAccount, at);
      return Math.max(byAddress, byAccount);
    },
    /**
     * Counts a failed sign-in; true when it is the one that reached a limit (the demo then audits
     * the block once, instead of a row for every refused attempt).
     */
    failed(username: string | null, address: string | undefined): boolean {
      const at = now();
      const address_ = add(`address ${addressKey(address)}`, options.perAddress, at);
      const account = username !== null && add(accountKey(username), options.perAccount, at);
      return address_ || account;
    },
    /** A correct password: the account's failures are forgotten (the address's are not). */
    succeeded(username: string): void {
      failures.delete(accountKey(username));
    },
  };
}

/** The sign-in throttle's type. */
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
