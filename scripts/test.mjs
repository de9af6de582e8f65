// `npm test`: every check the project has, in order, stopping at the first failure.
// Each step is a root npm script; a step whose script is missing fails, it is never skipped.
// `node scripts/test.mjs lint typecheck` runs only the steps named. Only the steps that drive a
// browser need Chromium, so lint and the Node tests run on a machine without one.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { INSTALL_HINT, findChromium } from './chromium.mjs';

/** @type {[script: string, what: string, browser: boolean][]} [script, what it checks, whether it needs Chromium] */
const STEPS = [
  ['lint', 'ESLint and Prettier', false],
  ['typecheck', 'TypeScript, every package and the demo', false],
  ['build', 'build the packages (ESM, .d.ts, manifest, bundle)', false],
  ['test:packages', 'packages as published: publint, attw, files, metadata, engines', false],
  ['test:node', 'core tests and server tests on Node (memory and SQLite stores)', false],
  ['test:browser', 'core, elements and better-auth client tests in Chromium', true],
  ['test:size', 'bundle size budgets', false],
  ['test:e2e', 'demo end to end in Chromium', true],
  ['docs:build', 'docs site build and link check', false],
  ['test:docs', 'docs examples and live pages in Chromium', true],
  ['test:install', 'getting started followed in an empty folder from packed tarballs, in Chromium', true],
];

const scripts = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts;
const only = process.argv.slice(2);
const unknown = only.filter((name) => !STEPS.some(([script]) => script === name));
if (unknown.length) {
  console.error(`Not a test step: ${unknown.join(', ')}. Steps: ${STEPS.map(([s]) => s).join(', ')}`);
  process.exit(1);
}
const chosen = STEPS.filter(([script]) => !only.length || only.includes(script));
const missing = chosen.filter(([script]) => !scripts[script]).map(([script]) => script);
if (missing.length) {
  console.error(`package.json has no script for the test step(s) ${missing.join(', ')}.`);
  process.exit(1);
}
if (chosen.some(([, , browser]) => browser) && !findChromium()) {
  console.error(INSTALL_HINT);
  process.exit(1);
}

/** @type {[script: string, ok: boolean, seconds: string][]} */
const results = [];
for (const [script, what] of chosen) {
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
