// `npm test`: every check the project has, in order, stopping at the first failure.
// Steps are root npm scripts; a step whose script is not defined yet is skipped.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { INSTALL_HINT, findChromium } from './chromium.mjs';

const STEPS = [
  ['lint', 'ESLint and Prettier'],
  ['typecheck', 'TypeScript, every package'],
  ['build', 'build the packages (ESM, .d.ts, manifest, bundle)'],
  ['test:node', 'server tests on Node (memory and SQLite stores)'],
  ['test:browser', 'core and elements tests in Chromium'],
  ['test:size', 'bundle size budgets'],
  ['test:e2e', 'demo end to end in Chromium'],
  ['docs:build', 'docs site build and link check'],
  ['test:docs', 'docs examples and live pages in Chromium'],
];

if (!findChromium()) {
  console.error(INSTALL_HINT);
  process.exit(1);
}

const scripts = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts;
const only = process.argv.slice(2);
const results = [];
for (const [script, what] of STEPS) {
  if (!scripts[script] || (only.length && !only.includes(script))) continue;
  console.log(`\n▶ ${script}: ${what}`);
  const started = performance.now();
  const run = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit', shell: false });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  results.push([script, run.status === 0, seconds]);
  if (run.status !== 0) break;
}
console.log('\nSteps:');
for (const [script, ok, seconds] of results) console.log(`  ${ok ? '✔' : '✘'} ${script} (${seconds} s)`);
process.exit(results.every(([, ok]) => ok) ? 0 : 1);
