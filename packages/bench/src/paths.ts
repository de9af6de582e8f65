/** Folders the bench reads and writes. */
import { fileURLToPath } from 'node:url';

/** packages/bench/ */
export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
