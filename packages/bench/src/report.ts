/**
 * Renders docs/performance.md from the sections' results. Tag names and anything with `<` stay
 * inside backticks: the page is compiled by VitePress, which would treat a bare tag as a component.
 */
import type { Machine } from './machine.js';
import { throughputSection } from './report-throughput.js';
import type { BrowserResult, MemoryResult, SizeRow, SizesResult } from './types.js';

export interface SectionOutcome {
  name: string;
  status: 'ok' | 'failed' | 'timeout' | 'skipped';
  seconds: number;
  message?: string;
  result?: unknown;
}

interface ReportInput {
  startedAt: Date;
  machine: Machine;
  outcomes: SectionOutcome[];
  peerInstall?: string;
}

const kB = (bytes: number | undefined) => (bytes === undefined ? '–' : `${(bytes / 1000).toFixed(1)} kB`);
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(1)}×` : '–');
const ms = (n: number | undefined) => (n === undefined || n < 0 ? '–' : `${n.toFixed(0)} ms`);
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown table; `align` has one letter per column, `l` or `r` (default: first left, rest right). */
function table(head: string[], rows: string[][], align?: string): string {
  const side = (i: number) => (align ? align[i] === 'r' : i > 0);
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (side(i) ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function notRun(outcome: SectionOutcome | undefined): string | undefined {
  if (!outcome) return 'Not run.';
  if (outcome.status === 'ok' || (outcome.status === 'timeout' && outcome.result)) return undefined;
  if (outcome.status === 'skipped') return `Skipped in this run (${outcome.message}).`;
  return `**This section did not complete** (${outcome.status}: ${outcome.message}).`;
}

function topPackages(row: SizeRow, eager: boolean): string {
  const key = eager ? 'eager' : 'bytes';
  const list = (row.top ?? []).filter((p) => p[key] > 0);
  const total = list.reduce((s, p) => s + p[key], 0);
  return list
    .slice(0, 3)
    .map((p) => `${p.pkg} ${((100 * p[key]) / (total || 1)).toFixed(0)}%`)
    .join(', ');
}

/** A warning line for a section its time limit stopped after it had saved partial figures. */
function partialNote(outcome: SectionOutcome | undefined): string[] {
  return outcome?.status === 'timeout' ? [`**Partial:** this section was ${outcome.message}.`] : [];
}

function sizesSection(outcome: SectionOutcome | undefined, peerInstall: string | undefined): string {
  const parts = ['## Bundle sizes'];
  const missing = notRun(outcome);
  if (missing) return [...parts, missing].join('\n\n');
  parts.push(...partialNote(outcome));
  const { rows } = outcome!.result as SizesResult;
  const ours = rows.filter((r) => r.kind === 'ours');
  const byId = new Map(rows.map((r) => [r.id, r]));
  parts.push(
    'Every bundle, ours and the peers\', is built here in the same run with esbuild (bundle, minify, ESM, browser platform, ES2022, `process.env.NODE_ENV` = `"production"`, code splitting on) and measured as gzip (zlib level 9) and brotli (quality 11) bytes; 1 kB = 1000 bytes. **First load** counts the entry and the chunks it imports statically: what must arrive before the screen works. **Everything** adds the chunks loaded later with `import()`. JavaScript and CSS count; images and fonts referenced from CSS do not. Ours are bundled from the TypeScript sources (the `@totp-gate/source` export condition), which is what `npm test` checks; the row "compiled by tsc" bundles core as published (compiled in this run with its own build settings) to show it weighs the same. The challenge path counts its first load only: its lazy chunks are the enrollment screens, counted in the full UI. The other locales\' catalogues are lazy chunks too, but a page loads one of them at most, so they are not summed.',
  );
  parts.push(
    table(
      [
        'our bundle',
        'first load gzip',
        'everything gzip',
        'everything brotli',
        'target (gzip)',
        'meets target',
        '`npm test` fails above',
        'largest parts (minified)',
      ],
      ours.map((r) => {
        const figure = r.figure ? r[r.figure] : r.all;
        const status = r.note
          ? r.note
          : r.target === undefined
            ? 'report only'
            : figure!.gzip <= r.target
              ? 'yes'
              : `**no**, ${kB(figure!.gzip - r.target)} over`;
        const lazyCounted = r.id !== 'challenge';
        const which = r.figure === 'eager' ? 'first load' : 'everything';
        return [
          r.label,
          kB(r.eager?.gzip),
          lazyCounted ? kB(r.all?.gzip) : '–',
          lazyCounted ? kB(r.all?.brotli) : kB(r.eager?.brotli) + ' (first load)',
          r.target ? `${kB(r.target)} (${which})` : '–',
          status,
          r.budget ? kB(r.budget) : '–',
          topPackages(r, r.figure === 'eager'),
        ];
      }),
      'lrrrrlrl',
    ),
  );
  const core = byId.get('core');
  const challenge = byId.get('challenge');
  const full = byId.get('full');
  const peers = rows.filter((r) => r.kind !== 'ours');
  parts.push('### Peers');
  if (peerInstall) parts.push(`The peers could not all be installed: ${peerInstall.split('\n')[0]}`);
  parts.push(
    'UI peers are compared with our challenge path (first load) and our full UI (everything); headless peers, which draw nothing, with our core + HTTP adapter. A ratio of 10× means the peer ships ten times the bytes.',
  );
  parts.push(
    table(
      [
        'peer (versions)',
        'kind',
        'first load gzip',
        'everything gzip',
        'everything brotli',
        'ratio, first load',
        'ratio, everything',
        'largest parts (minified)',
      ],
      peers.map((p) => {
        const versions = Object.entries(p.versions ?? {})
          .map(([n, v]) => `${n}@${v ?? '?'}`)
          .join(', ');
        const ui = p.kind === 'ui';
        const firstBase = ui ? challenge?.eager?.gzip : core?.eager?.gzip;
        const allBase = ui ? full?.all?.gzip : core?.all?.gzip;
        const label = `${p.label} (${versions})${p.method === 'shipped' ? ' †' : ''}`;
        return [
          label,
          ui ? 'UI' : 'headless',
          kB(p.eager?.gzip),
          kB(p.all?.gzip),
          kB(p.all?.brotli),
          `${ratio(p.eager?.gzip, firstBase)} ${ui ? 'challenge path' : 'core + HTTP'}`,
          `${ratio(p.all?.gzip, allBase)} ${ui ? 'full UI' : 'core + HTTP'}`,
          p.note && !p.eager ? p.note : topPackages(p, false),
        ];
      }),
      'llrrrrrl',
    ),
  );
  const shipped = peers.filter((p) => p.method === 'shipped');
  if (shipped.length) parts.push(shipped.map((p) => `† ${p.label}: ${p.note}`).join('\n\n'));
  parts.push(
    'What each peer entry does (the code is in `packages/bench/src/peers.ts`):\n\n' +
      peers.map((p) => `- **${p.label}**: ${p.what}.`).join('\n'),
  );
  return parts.join('\n\n');
}

function browserSection(outcome: SectionOutcome | undefined): string {
  const parts = ['## Browser timings'];
  const missing = notRun(outcome);
  if (missing) return [...parts, missing].join('\n\n');
  parts.push(...partialNote(outcome));
  const r = outcome!.result as BrowserResult;
  if (r.skipped) return [...parts, `Not measured: ${r.skipped}.`].join('\n\n');
  parts.push(
    `Headless Chromium ${r.chromium}, launched through playwright-core. Median of ${r.samples} samples, each in a fresh browser context (empty cache) and page, served from a local static server on 127.0.0.1. The page bundle is built by esbuild from the same sources and settings as the size check (minified, lazy chunks split: ${r.files} files), with a stub backend in the page that answers at once, so the figures are the UI's own cost. Moments are found by polling with timers (about 4 ms resolution); "painted" is a task queued from the next \`requestAnimationFrame\`, which runs once that frame is on screen.`,
  );
  parts.push(
    table(
      ['measure', 'median'],
      [
        ['`totp-enroll`: enrollment data received → lazy QR encoder chunk downloaded', ms(r.enroll?.dataToChunk)],
        ['`totp-enroll`: enrollment data received → QR code SVG in the DOM', ms(r.enroll?.dataToDom)],
        ['`totp-enroll`: enrollment data received → QR code painted', ms(r.enroll?.dataToPaint)],
        ['`totp-challenge`: navigation start → page module loaded', ms(r.challenge?.navigationToModule)],
        ['`totp-challenge`: module loaded → code field interactive', ms(r.challenge?.moduleToInteractive)],
        ['`totp-challenge`: navigation start → code field interactive', ms(r.challenge?.navigationToInteractive)],
        ['`totp-challenge`: navigation start → that state painted', ms(r.challenge?.navigationToPaint)],
      ],
    ),
  );
  return parts.join('\n\n');
}

function memorySection(outcome: SectionOutcome | undefined): string {
  const parts = ['## Memory'];
  const missing = notRun(outcome);
  if (missing) return [...parts, missing].join('\n\n');
  parts.push(...partialNote(outcome));
  const r = outcome!.result as MemoryResult;
  const users = r.users.toLocaleString('en-US');
  parts.push(
    `${users} users enrolled through the service's own actions (start enrollment, confirm with a real code), so each record is what production writes: the secret sealed with AES-256-GCM, ten recovery-code hashes, the last accepted step, and one verified session. The heap is measured after a full garbage collection (\`--expose-gc\`) before and after; the SQLite file receives the same records through the store interface (\`updateUser\`, \`putSession\`), and its size is taken after closing (WAL checkpointed).`,
  );
  parts.push(
    table(
      ['store', `${users} users`, 'per user', 'time to fill'],
      [
        [
          'memory store: V8 heap used (filled by enrolling)',
          `${(r.heapBytes / 2 ** 20).toFixed(1)} MiB`,
          `${Math.round(r.heapBytes / r.users)} B`,
          `${(r.memoryMs / 1000).toFixed(1)} s`,
        ],
        r.fileBytes === undefined || r.sqliteMs === undefined
          ? ['SQLite store: database file', 'not measured', '–', '–']
          : [
              'SQLite store: database file (filled by copying the records)',
              `${(r.fileBytes / 2 ** 20).toFixed(1)} MiB`,
              `${Math.round(r.fileBytes / r.users)} B`,
              `${(r.sqliteMs / 1000).toFixed(1)} s`,
            ],
      ],
    ),
  );
  return parts.join('\n\n');
}

/** The whole page. */
export function renderReport({ startedAt, machine, outcomes, peerInstall }: ReportInput): string {
  const get = (name: string) => outcomes.find((o) => o.name === name);
  const date = startedAt
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return `${[
    '# Performance',
    `These figures come from \`npm run bench\`, run on ${date} on the machine below. Run it yourself: the figures depend on the machine, and the ratios are what carry over. The page is generated; do not edit it by hand.`,
    table(
      ['machine', ''],
      [
        ['CPU', machine.cpu],
        ['cores', String(machine.cores)],
        ['memory', `${machine.memoryGiB} GiB`],
        ['OS', machine.os],
        ['Node.js', machine.node],
        ['Chromium', machine.chromium],
        ['load average at start (1, 5, 15 min)', machine.loadAverage.join(', ')],
      ],
      'll',
    ),
    ...(Number(machine.loadAverage[0]) > machine.cores
      ? [
          `**The machine was busy during this run** (load average ${machine.loadAverage[0]} on ${machine.cores} cores, from other work): absolute times and rates are slower than on an idle machine, and the spread between runs is wide. Rows measured in the same run shared the same conditions, so their ratios are the figures to compare.`,
        ]
      : []),
    'Each section runs in its own process, one after another, under a time limit: ' +
      outcomes.map((o) => `${o.name} ${o.status === 'ok' ? `${o.seconds.toFixed(0)} s` : o.status}`).join(', ') +
      '.',
    sizesSection(get('sizes'), peerInstall),
    throughputSection(get('throughput')),
    browserSection(get('browser')),
    memorySection(get('memory')),
    '## Reproducing',
    'Run `npm install` and then `npm run bench` at the root. The first run installs the peers at the exact versions in `packages/bench/peers.json` into `packages/bench/.peers/` (ignored by git, reused later; install scripts are not run). `npm run test:size` checks only our bundles and runs in `npm test`: it fails when a bundle grows past its guard (the column above) and prints every target not met yet. `npm run bench -- --only sizes` runs one section.',
  ].join('\n\n')}\n`;
}
