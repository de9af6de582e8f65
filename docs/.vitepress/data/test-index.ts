/**
 * Finds the tests that prove each security promise: every test whose name starts with a
 * promise id (`S13 rejects a code that was already accepted`). Used by the security page's data
 * loader and by the docs test that fails when a promise has no test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One test that names a promise. */
export interface TestRef {
  /** Path from the repository root, with forward slashes. */
  file: string;
  line: number;
  /** The test's name as written (template parts kept as `${…}`). */
  name: string;
}

/** Folders (from the repository root) whose test files are searched. */
export const TEST_ROOTS = ['packages', 'demo', 'test', 'scripts'];

const SKIP_DIRS = new Set(['node_modules', 'dist', '.peers', '.data', '.vitepress', 'examples']);
const TEST_FILE = /\.test\.(?:ts|mts|js|mjs)$/;
/** The shared suites are not `*.test.ts` files, but their tests run against every adapter or store. */
const EXTRA_FILES = [
  'packages/core/src/testing/contract.ts',
  'packages/server/src/testing/store-contract.ts',
  'packages/server/src/test/admin-suite.ts',
];
/**
 * `it('S13 …'`, `test("S13 …"`, `it(\`S13 …\``; also `it.only`, and several leading ids
 * (`it('S35 S36 …'`). Skipped and todo tests prove nothing and are not counted.
 */
const TEST_CALL = /\b(?:it|test)(?:\.only)?\(\s*(['"`])(S\d{1,2}(?:,? S\d{1,2})*)\b((?:(?!\1)[^\n])*)\1/g;
/** A test name that cites a promise id anywhere but at its start, which the index would miss. */
const MISPLACED_ID = /\b(?:it|test)(?:\.only)?\(\s*(['"`])(?!S\d)((?:(?!\1)[^\n])*\bS\d{1,2}\b(?:(?!\1)[^\n])*)\1/g;

function walk(dir: string, found: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(join(dir, entry.name), found);
    } else if (TEST_FILE.test(entry.name)) {
      found.push(join(dir, entry.name));
    }
  }
}

/** The test files searched, as absolute paths. */
export function testFiles(repoRoot: string): string[] {
  const found: string[] = [];
  for (const root of TEST_ROOTS) walk(join(repoRoot, root), found);
  for (const extra of EXTRA_FILES) found.push(join(repoRoot, extra));
  return found.sort();
}

/** Test names starting with a promise id, found in one file's source text. */
export function findPromiseTestsInSource(source: string, file: string): Array<TestRef & { id: string }> {
  const refs: Array<TestRef & { id: string }> = [];
  for (const match of source.matchAll(TEST_CALL)) {
    const line = source.slice(0, match.index).split('\n').length;
    for (const id of match[2]!.split(/,? /)) refs.push({ id, file, line, name: `${match[2]}${match[3]}` });
  }
  return refs;
}

/** Tests whose name cites a promise id somewhere other than at its start (the convention). */
export function findMisplacedIdsInSource(source: string, file: string): TestRef[] {
  const refs: TestRef[] = [];
  for (const match of source.matchAll(MISPLACED_ID)) {
    const line = source.slice(0, match.index).split('\n').length;
    refs.push({ file, line, name: match[2]! });
  }
  return refs;
}

/** Every promise id with the tests that name it, searched from the repository root. */
export function findPromiseTests(repoRoot: string): Map<string, TestRef[]> {
  const byId = new Map<string, TestRef[]>();
  for (const path of testFiles(repoRoot)) {
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const file = relative(repoRoot, path).split('\\').join('/');
    for (const { id, ...ref } of findPromiseTestsInSource(source, file)) {
      const list = byId.get(id) ?? [];
      list.push(ref);
      byId.set(id, list);
    }
  }
  return byId;
}
