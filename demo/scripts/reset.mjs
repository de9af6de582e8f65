// `npm run demo:reset`: empties the demo's data (every enrollment, session and audit entry) by
// deleting its SQLite file, or the file named by DEMO_DB. Stop the demo first.
import { rmSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const path = process.env.DEMO_DB ?? fileURLToPath(new URL('../.data/demo.sqlite', import.meta.url));
const existed = existsSync(path);
for (const suffix of ['', '-wal', '-shm', '-journal', '.key']) rmSync(path + suffix, { force: true });
console.log(existed ? `Deleted ${path}: the demo starts from nothing next time.` : `Nothing to delete at ${path}.`);
