/**
 * `npm run bench`: installs the pinned peers once (cached in packages/bench/.peers), runs each
 * section in its own process under a time limit, one after another so they do not compete for
 * the CPU, and writes docs/performance.md from the results. A section that fails, times out or
 * lacks its prerequisites is reported as such in the page; the others still run.
 *
 * Options: `--only sizes,throughput` runs some sections (the others keep what the page said,
 * marked with the date they were measured: keep-sections.ts);
 * `--out path.md` writes elsewhere (relative to where `npm run bench` was typed). Environment: BENCH_RUNS, BENCH_CALLS, BENCH_SAMPLES, BENCH_USERS;
 * for throughput BENCH_ROUNDS, BENCH_HTTP_REQUESTS, and BENCH_PIN=0 to pin no server to a core of its own.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine } from './machine.js';
import { BENCH_DIR, ROOT } from './paths.js';
import { ensurePeers } from './peers.js';
import { keepSkippedSections } from './keep-sections.js';
import { renderReport, type SectionOutcome } from './report.js';

const SECTIONS = [
  { name: 'sizes', limitMs: 5 * 60_000, nodeArgs: [] as string[] },
  { name: 'throughput', limitMs: 12 * 60_000, nodeArgs: [] },
  { name: 'browser', limitMs: 8 * 60_000, nodeArgs: [] },
  { name: 'memory', limitMs: 6 * 60_000, nodeArgs: ['--expose-gc'] },
  // 100,000 users written into each of four stores, PostgreSQL's one transaction each: minutes on a busy machine.
  { name: 'admin', limitMs: 25 * 60_000, nodeArgs: ['--expose-gc'] },
] as const;

const { values } = parseArgs({
  options: { only: { type: 'string' }, out: { type: 'string', default: join(ROOT, 'docs/performance.md') } },
});
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((name) => !SECTIONS.some((section) => section.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(
    `--only ${unknown.join(',')}: no such section (${SECTIONS.map((s) => s.name).join(', ')}); nothing was run.`,
  );
  process.exit(2);
}
// npm runs the script in packages/bench; a relative --out means the folder it was typed in.
const outPath = resolve(process.env.INIT_CWD ?? process.cwd(), values.out!);
if (!existsSync(dirname(outPath))) {
  console.error(`--out ${values.out}: the folder ${dirname(outPath)} does not exist; nothing was run.`);
  process.exit(2);
}

function runSectionProcess(
  name: string,
  limitMs: number,
  nodeArgs: readonly string[],
  out: string,
): Promise<SectionOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        ...nodeArgs,
        '--conditions=@totp-gate/source',
        '--import',
        'tsx',
        join(BENCH_DIR, 'src/sections', `${name}.ts`),
        out,
      ],
      { stdio: ['ignore', 'inherit', 'pipe'], cwd: ROOT },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      if (signal === 'SIGKILL') {
        const partial = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined;
        const message = `stopped by its time limit of ${limitMs / 1000} s${partial ? '; the figures below are what it had measured by then' : ''}`;
        resolve({ name, status: 'timeout', seconds, message, result: partial });
      } else if (code !== 0 || !existsSync(out)) {
        const lines = stderr.split('\n').filter((l) => l.trim() && !l.startsWith('  [') && !/^\s+at /.test(l));
        resolve({
          name,
          status: 'failed',
          seconds,
          message: lines.slice(0, 4).join(' ').slice(0, 500) || `exit code ${code}`,
        });
      } else {
        resolve({ name, status: 'ok', seconds, result: JSON.parse(readFileSync(out, 'utf8')) });
      }
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'totp-gate-bench-run-'));
try {
  const startedAt = new Date();
  const machine = describeMachine();
  console.log(
    `TOTP Gate bench on ${machine.cpu} × ${machine.cores}, Node ${machine.node}, load ${machine.loadAverage.join(' / ')}`,
  );
  const outcomes: SectionOutcome[] = [];
  let peerInstall: string | undefined;
  if (!only || only.includes('sizes')) {
    const install = ensurePeers((line) => console.log(`  [peers] ${line}`), 10 * 60_000);
    if (install.error) peerInstall = install.error;
  }
  for (const section of SECTIONS) {
    if (only && !only.includes(section.name)) {
      outcomes.push({ name: section.name, status: 'skipped', seconds: 0, message: 'not selected with --only' });
      continue;
    }
    console.log(`▶ ${section.name} (time limit ${section.limitMs / 1000} s)`);
    const outcome = await runSectionProcess(
      section.name,
      section.limitMs,
      section.nodeArgs,
      join(dir, `${section.name}.json`),
    );
    console.log(
      `  ${outcome.status} in ${outcome.seconds.toFixed(1)} s${outcome.message ? `: ${outcome.message}` : ''}`,
    );
    outcomes.push(outcome);
  }
  let markdown = renderReport({ startedAt, machine, outcomes, peerInstall });
  if (only && existsSync(outPath)) markdown = keepSkippedSections(markdown, readFileSync(outPath, 'utf8'));
  writeFileSync(outPath, markdown);
  console.log(`wrote ${outPath}`);
  // A section its time limit stopped after saving figures is reported as partial, not as a failure.
  process.exitCode = outcomes.some((o) => o.status === 'failed' || (o.status === 'timeout' && !o.result)) ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
