/**
 * Each section runs in its own process (so a time limit can end it, and heap figures start
 * clean): `run.ts` starts `node … sections/<name>.ts <result.json>`, the section writes its
 * result there and logs progress to stderr.
 */
import { writeFileSync } from 'node:fs';

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
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
