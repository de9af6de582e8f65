/**
 * The server throughput part of docs/performance.md: one table per kind of code and concurrency
 * (req/s, latency and what each server adds to the floor's, server CPU per request, any answer
 * other than the expected one), the two ratios the issue sets as targets with their range over the
 * rounds, and the in-process secondary rows.
 */
import type { HttpRow, HttpRun, ThroughputResult } from './types.js';

/** What report.ts passes: the section's outcome. */
export interface ThroughputOutcome {
  status: 'ok' | 'failed' | 'timeout' | 'skipped';
  message?: string;
  result?: unknown;
}

const TARGETS = { floor: 0.7, peer: 2.5 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const range = (values: number[], format: (n: number) => string) =>
  values.length ? `${format(Math.min(...values))}–${format(Math.max(...values))}` : '–';
const two = (n: number) => n.toFixed(2);
/** autocannon records whole milliseconds. */
const latency = (n: number) => (n < 1 ? '< 1' : String(n));

function table(head: string[], rows: string[][], align: string): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`),
  ].join('\n');
}

/** Answers other than `expected`, summed over the runs: `429 × 3, errors × 1`, or `none`. */
function unexpected(runs: HttpRun[], expected: string): string {
  const counts = new Map<string, number>();
  for (const run of runs) {
    for (const [status, n] of Object.entries(run.statuses)) {
      if (status !== expected && n > 0) counts.set(status, (counts.get(status) ?? 0) + n);
    }
    if (run.errors > 0) counts.set('errors', (counts.get('errors') ?? 0) + run.errors);
  }
  return counts.size ? [...counts].map(([s, n]) => `${s} × ${n}`).join(', ') : 'none';
}

/** Per round, `ours / other` from the same round. */
function ratios(ours: HttpRow, other: HttpRow): number[] {
  const n = Math.min(ours.runs.length, other.runs.length);
  return Array.from({ length: n }, (_, i) => ours.runs[i]!.perSecond / other.runs[i]!.perSecond);
}

/** Per round, what `ours` adds to `other`'s latency percentile `key`, in ms. */
function added(ours: HttpRow, other: HttpRow, key: 'p50' | 'p99'): number[] {
  const n = Math.min(ours.runs.length, other.runs.length);
  return Array.from({ length: n }, (_, i) => ours.runs[i]![key] - other.runs[i]![key]);
}

/** Per round, how many more requests `ours` answers per second of its own CPU than `other`. */
function cpuRatios(ours: HttpRow, other: HttpRow): number[] {
  const n = Math.min(ours.runs.length, other.runs.length);
  return Array.from({ length: n }, (_, i) => other.runs[i]!.cpuMicros / ours.runs[i]!.cpuMicros);
}

function concurrencyTable(rows: HttpRow[]): string {
  const floor = rows.find((r) => r.kind === 'floor' && r.runs.length);
  const expected = rows[0]?.code === 'right' ? '200' : '400';
  const plus = (values: number[]) => (values.length ? `${median(values) >= 0 ? '+' : ''}${median(values)}` : '–');
  return table(
    [
      'server',
      'req/s (median)',
      'range',
      'ratio to floor',
      'p50 ms',
      'p99 ms',
      'added p50 / p99 ms',
      'server CPU µs/req',
      `not ${expected}`,
    ],
    rows.map((row) => {
      if (row.skipped) return [row.label, `not run: ${row.skipped}`, '–', '–', '–', '–', '–', '–', '–'];
      const rates = row.runs.map((r) => r.perSecond);
      const toFloor = floor && floor !== row ? ratios(row, floor) : [];
      return [
        row.label,
        int(median(rates)),
        range(rates, int),
        floor === row ? '1.00' : toFloor.length ? `${two(median(toFloor))} (${range(toFloor, two)})` : '–',
        latency(median(row.runs.map((r) => r.p50))),
        latency(median(row.runs.map((r) => r.p99))),
        floor === row || !floor ? '–' : `${plus(added(row, floor, 'p50'))} / ${plus(added(row, floor, 'p99'))}`,
        int(median(row.runs.map((r) => r.cpuMicros))),
        unexpected(row.runs, expected),
      ];
    }),
    'lrrrrrrrl',
  );
}

function targetLines(rows: HttpRow[]): string[] {
  const c32 = rows.filter((r) => r.connections === 32 && r.code === 'wrong' && r.runs.length);
  const floor = c32.find((r) => r.kind === 'floor');
  const peer = c32.find((r) => r.kind === 'peer');
  const lines: string[] = [];
  // The targets were set for the embedded default store; the other stores' ratios are in the tables.
  for (const ours of c32.filter((r) => r.id === 'totp-gate-sqlite')) {
    for (const [other, target, name] of [
      [floor, TARGETS.floor, 'the floor'],
      [peer, TARGETS.peer, 'Express + otplib'],
    ] as const) {
      if (!other) continue;
      const values = ratios(ours, other);
      const m = median(values);
      const met = m >= target ? 'met' : '**not met**';
      const cpu = cpuRatios(ours, other);
      lines.push(
        `- ${ours.label} ÷ ${name}, 32 connections: **${two(m)}×** req/s (rounds ${range(values, two)}); target ≥ ${target}×: ${met}. Requests per second of server CPU: ${two(median(cpu))}× (rounds ${range(cpu, two)}).`,
      );
    }
  }
  // The two targets meet in the floor: what the peer target asks of ours, as a share of the floor.
  if (floor && peer) {
    const values = ratios(floor, peer);
    const m = median(values);
    const cpu = cpuRatios(floor, peer);
    lines.push(
      `- The floor ÷ Express + otplib, 32 connections: ${two(m)}× req/s (rounds ${range(values, two)}); per second of server CPU: ${two(median(cpu))}× (rounds ${range(cpu, two)}). So ≥ ${TARGETS.peer}× Express + otplib asks TOTP Gate for ${two(TARGETS.peer / m)}× the floor in this run, against the floor target of ${TARGETS.floor}×.`,
    );
  }
  return lines;
}

/** How the run shared the machine's cores between the servers and the load generator. */
function pinning(r: ThroughputResult): string {
  if (r.cores === null) return 'Nothing was pinned (one CPU, or no `taskset`): client and server shared the cores.';
  return `Each server ran pinned to CPU ${r.cores.server} (with \`taskset\`, its threads included) and the load generator to CPU ${r.cores.loadGenerator}, so a server never shares its core with autocannon and every server runs on the same single core; the PostgreSQL and Redis servers were not pinned.`;
}

export function throughputSection(outcome: ThroughputOutcome | undefined): string {
  const parts = ['## Server throughput over HTTP'];
  if (!outcome) return [...parts, 'Not run.'].join('\n\n');
  if (outcome.status === 'skipped') return [...parts, `Skipped in this run (${outcome.message}).`].join('\n\n');
  if (outcome.status !== 'ok' && !outcome.result) {
    return [...parts, `**This section did not complete** (${outcome.status}: ${outcome.message}).`].join('\n\n');
  }
  if (outcome.status === 'timeout') parts.push(`**Partial:** this section was ${outcome.message}.`);
  const r = outcome.result as ThroughputResult;
  parts.push(
    `TOTP codes answered per second by real HTTP servers, each in its own child process on 127.0.0.1, loaded by [autocannon](https://github.com/mcollina/autocannon) from the bench process on the same machine. ${pinning(r)} Every server runs the built packages (\`dist/\`, built by the section first), as a host installs them. Every request is \`POST /api/totp/verify\` with a session cookie and a JSON body \`{"code"}\`: SHA1, 6 digits, 30 s, window 1, so each check costs three HMACs. A wrong code is counted as a failure in the server's store; a right code is accepted once (its step is recorded, so the same code again would be a replay). The requests go round ${int(r.users)} users enrolled beforehand through TOTP Gate's own actions (the same secrets and records for every server and store), so no user receives more than 4 wrong codes and nobody is locked (they also fit the 10,000 users whose keys TOTP Gate keeps unsealed in memory; past that a check also unseals its key), and each user's right code is sent once; any answer other than the expected one (400 for a wrong code, 200 for a right one) is counted in the last column (a 429 would be a lockout). Every server's clock is fixed at one instant, so a wrong code stays wrong all run long. Each round sends ${int(r.amount)} wrong codes at 32 connections, ${int(r.amount / 4)} at 1 connection, and ${int(r.amount / 4)} right codes at 32 connections (each run bounded by 15 s too); after a warm-up that sends every user one wrong code (so every round finds every server in the same state: each key unsealed, each row read once) and 400 right codes, ${r.rounds} rounds, each running every server in turn (a different one first each round). Medians over the rounds, with the range; ratios and added latency (a server's p50 or p99 minus the floor's) are taken within a round, then the median. Server CPU is the child's \`process.cpuUsage()\` (user + system) over a run, divided by its answers.`,
  );
  if (r.note) parts.push(r.note);
  parts.push(...targetLines(r.http));
  const groupOf = (row: HttpRow) => `${row.code} ${row.connections}`;
  const groups = [...new Set(r.http.map(groupOf))];
  for (const group of groups) {
    const [code, connections] = group.split(' ') as [HttpRow['code'], string];
    const what = code === 'right' ? 'right codes (each accepted once, answered 200)' : 'wrong codes';
    parts.push(`### ${what}, ${connections} connection${connections === '1' ? '' : 's'}`);
    parts.push(concurrencyTable(r.http.filter((row) => groupOf(row) === group)));
  }
  parts.push(
    'The servers (code in `packages/bench/src/http/servers/`): the **floor** does what no server can skip — parse the request, find the session, one SQLite transaction that reads the key, computes the three HMACs with a constant-time comparison and counts the failure (or, for a right code, refuses a used step and records the new one) — and nothing else (no policy, lockout, encryption at rest or audit). **Express + otplib** is a typical hand-rolled endpoint: `express.json()`, `verifySync` on the stored base32 secret, the same counter; it keeps no used step, so it has no right-code row. **TOTP Gate** runs as a host would: default policy (lockout, back-off), secrets sealed with AES-256-GCM, an audit sink, `identify` from the cookie, `toNodeHandler` on node:http, on each store with its default options. The PostgreSQL (`fsync=off`) and Redis (AOF on, `appendfsync everysec`) servers are throw-away instances the bench starts on 127.0.0.1 the way the server tests do, loaded with the same users, and stops afterwards; a row whose server could not start says so.',
  );
  if (r.inProcess.length) {
    const raw = r.inProcess.find((x) => x.id === 'raw')?.perSecond;
    parts.push('### Without HTTP (secondary)');
    parts.push(
      'The same check in one process, no network: what the service itself costs next to the bare HMACs. Timed by tinybench: one warm-up pass, then one pass of 10,000 checks per round (each `actions.verify` pass on fresh users, made untimed before it); the median pass.',
    );
    parts.push(
      table(
        ['in process', 'checks per second', 'ratio to raw', 'runs'],
        r.inProcess.map((x) => [
          x.label,
          int(x.perSecond),
          raw ? two(x.perSecond / raw) : '–',
          x.runs.map((v) => int(v)).join(', '),
        ]),
        'lrrl',
      ),
    );
  }
  return parts.join('\n\n');
}
