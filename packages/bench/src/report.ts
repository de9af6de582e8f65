/**
 * Renders docs/performance.md from the sections' results. Tag names and anything with `<` stay
 * inside backticks: the page is compiled by VitePress, which would treat a bare tag as a component.
 */
import type { Machine } from './machine.js';
import { adminSection } from './report-admin.js';
import { throughputSection } from './report-throughput.js';
import { median } from './section.js';
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

/**
 * A section's heading, then either its finished text (not run, skipped, failed) or its notes so
 * far and its result.
 */
function sectionStart<T>(heading: string, outcome: SectionOutcome | undefined): string | { parts: string[]; r: T } {
  const missing = notRun(outcome);
  if (missing) return [heading, missing].join('\n\n');
  return { parts: [heading, ...partialNote(outcome)], r: outcome!.result as T };
}

function sizesSection(outcome: SectionOutcome | undefined, peerInstall: string | undefined): string {
  const start = sectionStart<SizesResult>('## Bundle sizes', outcome);
  if (typeof start === 'string') return start;
  const {
    parts,
    r: { rows },
  } = start;
  const ours = rows.filter((r) => r.kind === 'ours');
  const byId = new Map(rows.map((r) => [r.id, r]));
  parts.push(
    'Every bundle, ours and the peers\', is built here in the same run with esbuild (bundle, minify, ESM, browser platform, ES2022, `process.env.NODE_ENV` = `"production"`, code splitting on) and measured as gzip (zlib level 9) and brotli (quality 11) bytes; 1 kB = 1000 bytes. **First load** counts the entry and the chunks it imports statically: what must arrive before the screen works. **Everything** adds the chunks loaded later with `import()`. JavaScript and CSS count; images and fonts referenced from CSS do not. Ours are bundled from the TypeScript sources (the `@totp-gate/source` export condition), which is what `npm test` checks; the row "compiled by tsc" bundles core as published (compiled in this run with its own build settings) to show it weighs the same. The sign-in path (`import \'@totp-gate/elements/gate\'`) counts its first load only: its lazy chunks are the enrollment screens (and the rarer sign-in views), counted in the full UI. The other locales\' catalogues are lazy chunks too, but a page loads one of them at most, so they are not summed.',
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
  const floor = byId.get('floor');
  if (floor?.eager && challenge?.eager) {
    parts.push(
      `**Floor**, measured in the same run and the same way: ${floor.label.replace(/^floor: /, '')}, ${kB(floor.eager.gzip)} gzip. Our sign-in path's first load is ${ratio(challenge.eager.gzip, floor.eager.gzip)} that; the difference, ${kB(challenge.eager.gzip - floor.eager.gzip)}, is ours: core (gate, schemas, HTTP adapter), the three sign-in elements, their English texts and styles.`,
    );
  }
  const peers = rows.filter((r) => r.kind !== 'ours' && r.kind !== 'floor');
  parts.push('### Peers');
  if (peerInstall) parts.push(`The peers could not all be installed: ${peerInstall.split('\n')[0]}`);
  parts.push(
    'UI peers are compared with our sign-in path (first load) and our full UI (everything); headless peers, which draw nothing, with our core + HTTP adapter. A ratio of 10× means the peer ships ten times the bytes.',
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
          `${ratio(p.eager?.gzip, firstBase)} ${ui ? 'sign-in path' : 'core + HTTP'}`,
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
  const start = sectionStart<BrowserResult>('## Browser timings', outcome);
  if (typeof start === 'string') return start;
  const { parts, r } = start;
  if (r.skipped) return [...parts, `Not measured: ${r.skipped}.`].join('\n\n');
  parts.push(
    `Headless Chromium ${r.chromium}, launched through playwright-core. ${r.runs} runs of ${r.samplesPerRun} samples of each page, the pages taking turns; each sample is a fresh browser context (empty cache) and page, served from a local static server on 127.0.0.1. A figure is the median of the run medians, with their range. Our pages load \`import '@totp-gate/elements/gate'\` and put a \`<totp-gate>\` on the page; each floor is a bare Lit element that draws the same screen (a heading and a code field; the same QR code with the same encoder, already loaded and warm), built and loaded the same way. The sign-in page has a second floor, its structure: three nested bare Lit elements in the places of \`<totp-gate>\`, \`<totp-challenge>\` and \`<totp-code-input>\` with their markup, texts and real style sheets, going from "checking" to the code step, with none of TOTP Gate's code (no core, no zod, no message lookup); its two rows tell the cost of our code (ours next to it) from that of the UI's shape (it next to the bare floor). The bundles are built by esbuild with the size check's settings and source transforms (minified, lazy chunks split: ${r.files} files), with a stub backend in the page that answers at once, so the figures are the UI's own cost. The row "over HTTP" is the sign-in as a page really loads it: \`<totp-gate endpoint>\` asks the local server, which answers \`GET /api/totp/status\` at once, and the browser may draw a frame while the answer travels; its floor is the bare element given the same answer through \`fetch\`. Moments are seen by a \`MutationObserver\` on the document and every shadow root in it; "interactive" means in the page, enabled and laid out; "painted" is a task queued from the next \`requestAnimationFrame\`, which runs once that frame is on screen. The enrollment starts 500 ms after its start step is on screen, as a quick click would.`,
  );
  const cell = (values: number[]) =>
    values.length ? `${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})` : '–';
  parts.push(
    table(
      ['measure', 'ours: median (range)', 'floor: median (range)', 'ours / floor', 'target (median)', 'meets target'],
      (r.measures ?? []).map((m) => {
        const ours = m.ours.length ? median(m.ours) : undefined;
        const floor = m.floor.length ? median(m.floor) : undefined;
        return [
          m.label,
          cell(m.ours),
          cell(m.floor),
          ours !== undefined && floor ? `${(ours / floor).toFixed(1)}×` : '–',
          m.target !== undefined ? `≤ ${ms(m.target)}` : '–',
          m.target === undefined || ours === undefined
            ? '–'
            : ours <= m.target
              ? 'yes'
              : `**no**, ${ms(ours - m.target)} over`,
        ];
      }),
      'lrrrrl',
    ),
  );
  return parts.join('\n\n');
}

function memorySection(outcome: SectionOutcome | undefined): string {
  const start = sectionStart<MemoryResult>('## Memory', outcome);
  if (typeof start === 'string') return start;
  const { parts, r } = start;
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
    adminSection(get('admin'), table, notRun),
    '## Reproducing',
    'Run `npm install` and then `npm run bench` at the root. The first run installs the peers at the exact versions in `packages/bench/peers.json` into `packages/bench/.peers/` (ignored by git, reused later; install scripts are not run). `npm run test:size` checks only our bundles and runs in `npm test`: it fails when a bundle grows past its guard (the column above) and prints every target not met yet. `npm run bench -- --only sizes` runs one section.',
  ].join('\n\n')}\n`;
}
