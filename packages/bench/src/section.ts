/**
 * Each section runs in its own process (so a time limit can end it, and heap figures start
 * clean): `run.ts` starts `node … sections/<name>.ts <result.json>`, the section writes its
 * result there and logs progress to stderr.
 */
import { writeFileSync } from 'node:fs';
import { Bench } from 'tinybench';

/** Progress to stderr, prefixed with the section name. */
export function logger(section: string): (line: string) => void {
  return (line) => process.stderr.write(`  [${section}] ${line}\n`);
}

function outPath(): string {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node --import tsx sections/<name>.ts <result.json>');
  return out;
}

/**
 * Saves what a long section has so far, marked `partial`: if its time limit ends it, the report
 * shows these figures (and says they are partial) instead of nothing.
 */
export function savePartial<T extends object>(result: T): void {
  writeFileSync(outPath(), JSON.stringify({ ...result, partial: true }, null, 2));
}

/** Runs a section's body and writes its JSON result to the path given as first argument. */
export async function runSection<T>(body: () => Promise<T>): Promise<void> {
  const out = outPath();
  const result = await body();
  writeFileSync(out, JSON.stringify(result, null, 2));
}

/** Median of numbers. */
/**
 * How long `run` takes, in-process, timed by tinybench: `warmup` untimed passes, then `passes`
 * timed one by one; the median pass and every pass, in ms. `beforeEach` runs untimed before every
 * pass (fresh data a pass uses up). For JavaScript that runs in this process; what goes through a
 * socket or a browser is timed where it happens.
 */
export async function timeInProcess(
  name: string,
  run: () => unknown,
  {
    passes = 10,
    warmup = 2,
    beforeEach,
  }: { passes?: number; warmup?: number; beforeEach?: () => void | Promise<void> } = {},
): Promise<{ medianMs: number; passesMs: number[] }> {
  const bench = new Bench({
    name,
    iterations: passes,
    time: 0,
    warmupIterations: warmup,
    warmupTime: 0,
    retainSamples: true,
    throws: true,
  });
  bench.add(name, run, beforeEach ? { beforeEach } : {});
  await bench.run();
  const result = bench.getTask(name)?.result;
  if (result?.state !== 'completed') throw new Error(`${name}: tinybench ended ${result?.state ?? 'without a task'}`);
  return { medianMs: result.latency.p50, passesMs: [...(result.latency.samples ?? [])] };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
