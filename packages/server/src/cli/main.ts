#!/usr/bin/env node
/**
 * The `totp-gate` command (the package's `bin`). One subcommand so far: `import`.
 */
import { IMPORT_USAGE, runImport } from './import-command.js';

const [command, ...rest] = process.argv.slice(2);
const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
  env: process.env,
};
if (command === 'import') {
  process.exitCode = await runImport(rest, io);
} else if (command === undefined || command === '--help' || command === '-h') {
  io.out(IMPORT_USAGE);
  process.exitCode = command === undefined ? 2 : 0;
} else {
  io.err(`Unknown command ${command}.\n\n${IMPORT_USAGE}`);
  process.exitCode = 2;
}
