// The security page lists S1 and on, each linked to the tests that prove it. These tests keep the
// page honest: every listed promise must have a test whose name starts with its id.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { PROMISES } from '../.vitepress/data/promises.js';
import { findPromiseTests, findPromiseTestsInSource } from '../.vitepress/data/test-index.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('security promises page', () => {
  it('lists S1 to S42 and on, each exactly once, in order, with no gap', () => {
    const ids = PROMISES.map((p) => p.id);
    assert.ok(ids.length >= 42, `only ${ids.length} promises listed`);
    assert.deepEqual(
      ids,
      Array.from({ length: ids.length }, (_, i) => `S${i + 1}`),
    );
    for (const p of PROMISES) assert.ok(p.title && p.text.length > 20, `${p.id} needs a title and a sentence`);
  });

  it('links every listed promise to at least one test whose name starts with its id', () => {
    const tests = findPromiseTests(repoRoot);
    const unproven = PROMISES.filter((p) => (tests.get(p.id) ?? []).length === 0).map((p) => p.id);
    assert.deepEqual(unproven, [], `promises without a test named after them: ${unproven.join(', ')}`);
  });
});

describe('finding the tests of a promise', () => {
  it('finds it(), test() and it.only() names with any quote, and the line', () => {
    const source = [
      "it('S13 rejects a code that was already accepted', async () => {});",
      'test("S5 makes 20-byte secrets", () => {});',
      '  it.only(`S2 row ${i} matches`, () => {});',
    ].join('\n');
    const found = findPromiseTestsInSource(source, 'x.test.ts');
    assert.deepEqual(
      found.map((f) => [f.id, f.line, f.name]),
      [
        ['S13', 1, 'S13 rejects a code that was already accepted'],
        ['S5', 2, 'S5 makes 20-byte secrets'],
        ['S2', 3, 'S2 row ${i} matches'],
      ],
    );
  });

  it('does not count skipped or todo tests, suites, ids later in the name, or S-numbers glued to words', () => {
    const source = [
      "it.skip('S13 not yet', () => {});",
      "test.todo('S14 later');",
      "describe('S15 window', () => {});",
      "it('rejects replays (S13)', () => {});",
      "it('S13x is not an id', () => {});",
      "it('S130 is not S13', () => {});",
    ].join('\n');
    assert.deepEqual(findPromiseTestsInSource(source, 'x.test.ts'), []);
  });
});
