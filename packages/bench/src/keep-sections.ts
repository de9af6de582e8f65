/**
 * With `--only`, the sections not run keep what the page already says about them: their blocks
 * (from one `## ` heading to the next) are copied from the existing page, marked with the date of
 * the run that measured them, instead of being replaced by "skipped".
 */

const SKIPPED = 'Skipped in this run (not selected with --only).';

/** The page's `## ` blocks by heading (without "## Reproducing", which is always regenerated). */
function blocks(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  const parts = markdown.split(/^(?=## )/m);
  for (const part of parts.slice(1)) {
    const heading = part.slice(0, part.indexOf('\n'));
    found.set(heading, part.trimEnd());
  }
  return found;
}

/** The date line of a generated page, e.g. `2026-11-28 00:26:44 UTC`, or null. */
function runDate(markdown: string): string | null {
  return /run on (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC)/.exec(markdown)?.[1] ?? null;
}

/** `fresh` with each skipped section replaced by the same section of `previous`, when it has one. */
export function keepSkippedSections(fresh: string, previous: string): string {
  const old = blocks(previous);
  const date = runDate(previous);
  return fresh
    .split(/^(?=## )/m)
    .map((part) => {
      const heading = part.slice(0, part.indexOf('\n'));
      const before = old.get(heading);
      if (!part.includes(SKIPPED) || before === undefined || before.includes(SKIPPED)) return part;
      const [title, ...body] = before.split('\n');
      // A block the previous page had kept already keeps the date it was measured on.
      const measured = /^_Kept from the run of (.+?): not measured again/m.exec(before)?.[1] ?? date;
      const note = measured ? `_Kept from the run of ${measured}: not measured again in this run._` : '';
      return `${[title, '', note, ...body.filter((line) => !line.startsWith('_Kept from the run of'))].join('\n').replace(/\n{3,}/g, '\n\n')}\n\n`;
    })
    .join('');
}
