/**
 * Build-time data for the security page: each promise with the tests that prove it, found by
 * name in the repository's test files. Rebuilt in `npm run docs` when a test file changes.
 */
import { fileURLToPath } from 'node:url';
import { defineLoader } from 'vitepress';
import { PROMISE_SECTIONS, type SecurityPromise } from './promises.js';
import { findPromiseTests, type TestRef } from './test-index.js';

/** A promise with its tests. */
export interface ProvenPromise extends SecurityPromise {
  tests: TestRef[];
}

export interface SecurityData {
  sections: Array<{ title: string; promises: ProvenPromise[] }>;
  /** Ids without a test (the docs test fails while this is not empty). */
  unproven: string[];
}

declare const data: SecurityData;
export { data };

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export default defineLoader({
  watch: ['../../../packages/*/src/**/*.test.ts', '../../../demo/**/*.test.*', '../../../test/**/*.test.*'],
  load(): SecurityData {
    const tests = findPromiseTests(repoRoot);
    const sections = PROMISE_SECTIONS.map((section) => ({
      title: section.title,
      promises: section.promises.map((p) => ({ ...p, tests: tests.get(p.id) ?? [] })),
    }));
    const unproven = sections.flatMap((s) => s.promises.filter((p) => p.tests.length === 0).map((p) => p.id));
    return { sections, unproven };
  },
});
