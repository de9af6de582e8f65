/**
 * The "Administration" section of docs/performance.md, from `sections/admin.ts`.
 */
import type { SectionOutcome } from './report.js';
import type { AdminResult, AdminStoreFigures } from './sections/admin.js';

type Outcome = SectionOutcome;

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));

/** One row of the table. */
function row(name: string, s: NonNullable<AdminStoreFigures['perId']>): string[] {
  return [
    name,
    `${ms(s.pageMedianMs)} ms`,
    `${ms(s.pageP95Ms)} ms`,
    `${ms(s.floorPageMedianMs)} ms`,
    `${(s.pageMedianMs / s.floorPageMedianMs).toFixed(1)}×`,
    `${(s.listAllMs / 1000).toFixed(1)} s`,
    `${(s.heapDeltaBytes / 2 ** 20).toFixed(1)} MiB`,
    `${(s.dryRunMs / 1000).toFixed(2)} s`,
  ];
}

/** Renders the section; `table` and `notRun` are report.ts's helpers. */
export function adminSection(
  outcome: Outcome | undefined,
  table: (head: string[], rows: string[][]) => string,
  notRun: (outcome: Outcome | undefined) => string | undefined,
): string {
  const parts = ['## Administration'];
  const missing = notRun(outcome);
  if (missing) return [...parts, missing].join('\n\n');
  const r = outcome!.result as AdminResult;
  const users = r.users.toLocaleString('en-US');
  parts.push(
    `${users} users (a third enrolled with a sealed secret and ten recovery-code hashes, some locked, some exempt) listed with \`service.admin.list\` in pages of ${r.pageSize}, every page, with the host's facts (roles, \`requiredSince\`) looked up per page. The floor reads the same ${r.pageSize} ids and records straight from the store (\`listUserIdsAfter\` + \`getUsers\`, every tenth page), in the same run; the ratio is what the standings cost on top. Each store is measured twice in a row over the same users: first without its batch read \`getUsers\` (one \`getUser\` per id, what a store without it gets; its floor reads the same way), then as it is. The dry run evaluates a candidate policy for every user; its floor is core's \`evaluatePolicy\` over the same users already in memory: ${ms(r.evaluateFloorMs)} ms (the median of 10 passes after 2 warm-up passes, timed by tinybench).${r.partial ? ' Partial: the section was stopped by its time limit.' : ''}`,
  );
  parts.push(
    table(
      [
        'store',
        'per page (median)',
        'p95',
        'floor per page',
        'ratio',
        'all pages',
        'heap growth',
        `dry run over ${users}`,
      ],
      r.stores.flatMap((s) =>
        s.notRun !== undefined
          ? [[s.store, `not run: ${s.notRun}`, '', '', '', '', '', '']]
          : [...(s.perId ? [row(`${s.store}, one \`getUser\` per id`, s.perId)] : []), row(s.store, s)],
      ),
    ),
  );
  return parts.join('\n\n');
}
