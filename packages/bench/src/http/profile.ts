/**
 * `node --conditions=@totp-gate/source --import tsx src/http/profile.ts [server] [requests]`:
 * runs one benchmarked server under `node --cpu-prof` with the section's load and prints the
 * functions with the most self time, to see where its CPU per request goes. Not part of the
 * bench run; the .cpuprofile is left in the printed folder for Chrome DevTools.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildMessage } from './child.js';
import { makeFixture } from './fixture.js';
import { measure } from './load.js';
import { BENCH_DIR } from '../paths.js';

const [server = 'totp-gate', requests = '8000'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'totp-gate-profile-'));
const fixture = await makeFixture(dir, Math.ceil(Number(requests) / 4) + 10, () => undefined);
const db = join(dir, 'copy.sqlite');
copyFileSync(server === 'totp-gate' ? fixture.totpGateDb : fixture.plainDb, db);
const args = server === 'totp-gate' ? ['sqlite', db, fixture.encryptionKey] : [db];
const child = fork(join(BENCH_DIR, 'src/http/servers', `${server}.ts`), args, {
  execArgv: ['--conditions=@totp-gate/source', '--import', 'tsx', '--cpu-prof', `--cpu-prof-dir=${dir}`],
});
const port = await new Promise<number>((resolve) =>
  child.on('message', (m: ChildMessage) => m.type === 'ready' && resolve(m.port)),
);
const cursor = { next: 0, users: fixture.users, codes: fixture.wrong };
const figures = await measure(child, port, cursor, { connections: 32, amount: Number(requests), limitSeconds: 60 });
console.log(`${Math.round(figures.perSecond)} req/s, ${figures.cpuMicros.toFixed(0)} µs CPU/req`, figures.statuses);
child.disconnect();
await new Promise((resolve) => child.on('exit', resolve));

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}
const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))!;
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[] };
const total = profile.nodes.reduce((sum, n) => sum + n.hitCount, 0);
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*\/(node_modules|packages)\//, '$1/');
  const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + node.hitCount);
}
for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  console.log(`${((100 * hits) / total).toFixed(1).padStart(5)}%  ${name}`);
}
console.log(`profile: ${join(dir, file)}`);
