// The security page lists every promise, each linked to the tests that prove it. These tests keep
// the page honest: every listed promise must have a test whose name starts with its id, and no
// test cites an id anywhere else in its name, where the index would not see it.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { PROMISES } from '../.vitepress/data/promises.js';
import { readFileSync } from 'node:fs';
import {
  findMisplacedIdsInSource,
  findPromiseTests,
  findPromiseTestsInSource,
  testFiles,
} from '../.vitepress/data/test-index.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('security promises page', () => {
  it('lists S1 to S41 and every later promise, each exactly once (later ones grouped by section)', () => {
    const numbers = PROMISES.map((p) => Number(p.id.slice(1)));
    assert.deepEqual(
      numbers.slice(0, 41),
      Array.from({ length: 41 }, (_, i) => i + 1),
    );
    assert.equal(new Set(numbers).size, numbers.length, 'a promise id is listed twice');
    for (const p of PROMISES) assert.ok(p.title && p.text.length > 20, `${p.id} needs a title and a sentence`);
  });

  it('links every listed promise to at least one test whose name starts with its id', () => {
    const tests = findPromiseTests(repoRoot);
    const unproven = PROMISES.filter((p) => (tests.get(p.id) ?? []).length === 0).map((p) => p.id);
    assert.deepEqual(unproven, [], `promises without a test named after them: ${unproven.join(', ')}`);
  });

  it('lists every promise a test is named after, so the page misses none', () => {
    const listed = new Set(PROMISES.map((p) => p.id));
    const unlisted = [...findPromiseTests(repoRoot).keys()].filter((id) => !listed.has(id));
    assert.deepEqual(unlisted, [], `tests name promises the page does not list: ${unlisted.join(', ')}`);
  });

  it('finds no test that cites a promise id other than at the start of its name', () => {
    const misplaced = testFiles(repoRoot).flatMap((path) => {
      let source: string;
      try {
        source = readFileSync(path, 'utf8');
      } catch {
        return [];
      }
      return findMisplacedIdsInSource(source, path.slice(repoRoot.length)).map((r) => `${r.file}:${r.line} ${r.name}`);
    });
    assert.deepEqual(misplaced, [], 'start these test names with their promise id');
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

  it('counts a test for each of several leading ids', () => {
    const found = findPromiseTestsInSource("it('S35 S36 never reflects the code', () => {});", 'x.test.ts');
    assert.deepEqual(
      found.map((f) => f.id),
      ['S35', 'S36'],
    );
  });

  it('flags an id cited later in a test name, and nothing else', () => {
    const source = [
      "it('rejects replays (S13)', () => {});",
      "it('S13 rejects replays', () => {});",
      "it('counts S3PO droids', () => {});",
    ].join('\n');
    assert.deepEqual(
      findMisplacedIdsInSource(source, 'x.test.ts').map((r) => [r.line, r.name]),
      [[1, 'rejects replays (S13)']],
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
