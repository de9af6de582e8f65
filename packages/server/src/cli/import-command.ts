/**
 * `totp-gate import <file.csv|file.jsonl>`: moves users' existing TOTP secrets into a TOTP Gate
 * store, each sealed with the encryption key the server uses, so they keep their authenticator
 * app. Prints one line per refused row (with the reason, never the secret) and a summary; exit
 * code 0 when every row was imported, 1 when some were refused, 2 for a usage or setup error.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { PolicyInput } from '@totp-gate/core';
import { isAdminError } from '../admin/input.js';
import { encryptionKeyFromEnv } from '../key.js';
import { createTotpService } from '../service.js';
import type { TotpStore } from '../stores/types.js';
import { parseCsvImport, parseJsonlImport, type ImportRow } from './import-file.js';

/** Where the command writes, and what it reads from the environment (for tests). */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
}

export const IMPORT_USAGE = `Usage: totp-gate import <file.csv|file.jsonl> --store <store> --reason <text> [options]

Imports existing TOTP secrets (Odoo auth_totp, django-otp, better-auth, otpauth URIs) so users
keep their authenticator app. Columns / fields: userId, and one of secret (base32), secretHex
(django-otp) or otpauthUri; optional algorithm, digits, period, name.

  --store <store>     sqlite:<path> | postgres://… | redis://…
  --reason <text>     why, for the audit log (required)
  --admin <id>        who imports (default cli:<your user name>)
  --key-env <name>    environment variable holding the encryption key (default TOTP_KEY)
  --policy <file>     the server's policy as JSON, for its TOTP parameters (default: the defaults)
  --dry-run           check every row, write nothing
  --replace           replace authenticators a user already has
  --allow-plain       store secrets unencrypted when no key is set (not recommended)
`;

class UsageError extends Error {}

async function openStore(spec: string): Promise<TotpStore> {
  if (spec.startsWith('sqlite:')) {
    const { sqliteStore } = await import('../stores/sqlite.js');
    return sqliteStore(spec.slice('sqlite:'.length));
  }
  if (/^postgres(ql)?:\/\//.test(spec)) {
    const { postgresStore } = await import('../stores/postgres.js');
    return postgresStore(spec);
  }
  if (/^rediss?:\/\//.test(spec)) {
    const { redisStore } = await import('../stores/redis.js');
    return redisStore(spec);
  }
  throw new UsageError('--store must be sqlite:<path>, postgres://… or redis://…');
}

function readRows(file: string): ImportRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  if (/\.jsonl$/i.test(file) || /\.ndjson$/i.test(file)) return parseJsonlImport(text);
  if (/\.csv$/i.test(file)) return parseCsvImport(text);
  throw new UsageError('The file must end in .csv or .jsonl.');
}

/** Runs `totp-gate import` with the arguments after `import`. Resolves with the exit code. */
export async function runImport(args: string[], io: CommandIo): Promise<number> {
  let store: TotpStore | undefined;
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        store: { type: 'string' },
        reason: { type: 'string' },
        admin: { type: 'string' },
        'key-env': { type: 'string', default: 'TOTP_KEY' },
        policy: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        replace: { type: 'boolean', default: false },
        'allow-plain': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.out(IMPORT_USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('Name one file to import.');
    if (!values.store) throw new UsageError('--store is required.');
    if (!values.reason?.trim()) throw new UsageError('--reason is required: say why, for the audit log.');
    const keyName = values['key-env']!;
    const keyText = io.env[keyName];
    let encryptionKey: Buffer | undefined;
    if (keyText !== undefined && keyText.trim() !== '') encryptionKey = encryptionKeyFromEnv(keyName, io.env);
    else if (!values['allow-plain']) {
      throw new UsageError(
        `${keyName} is not set: secrets are encrypted at rest with the server's key. Set it, or pass --allow-plain.`,
      );
    }
    let policy: PolicyInput = {};
    if (values.policy) {
      try {
        policy = JSON.parse(readFileSync(values.policy, 'utf8')) as PolicyInput;
      } catch {
        throw new UsageError(`--policy ${values.policy} is not a readable JSON file.`);
      }
    }
    const rows = readRows(positionals[0]!);
    store = await openStore(values.store);
    const service = createTotpService({
      store,
      policy,
      issuer: 'TOTP Gate import',
      identify: () => null,
      ...(encryptionKey && { encryptionKey }),
    });
    const adminId = values.admin ?? `cli:${userInfo().username}`;
    const dryRun = values['dry-run']!;
    let imported = 0;
    let refused = 0;
    const seen = new Set<string>();
    for (const row of rows) {
      const who = row.userId === null ? '' : ` (user ${JSON.stringify(row.userId)})`;
      if ('error' in row) {
        refused++;
        io.out(`line ${row.line}${who}: refused: ${row.error}`);
        continue;
      }
      if (seen.has(row.userId)) {
        refused++;
        io.out(`line ${row.line}${who}: refused: the user appears on an earlier line`);
        continue;
      }
      seen.add(row.userId);
      const { userId: _userId, ...factor } = row.fields;
      try {
        await service.admin.importFactor(row.userId, factor, {
          reason: values.reason!,
          adminId,
          dryRun,
          replace: values.replace!,
        });
        imported++;
      } catch (error) {
        if (!isAdminError(error)) throw error;
        refused++;
        io.out(`line ${row.line}${who}: refused: ${error.message}`);
      }
    }
    const verb = dryRun ? 'would import' : 'imported';
    io.out(`${verb} ${imported}, refused ${refused}${dryRun ? ' (dry run: nothing was written)' : ''}`);
    return refused === 0 ? 0 : 1;
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.err(`totp-gate import: ${(error as Error).message}${usage ? `\n\n${IMPORT_USAGE}` : ''}`);
    return 2;
  } finally {
    await store?.close?.();
  }
}
