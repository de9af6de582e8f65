/**
 * Turns the policy schema and its defaults into table rows. Kept apart from the loader so the
 * docs tests check the same code the page is built from.
 */
import * as z from 'zod/mini';
import { Policy, parsePolicy } from '@totp-gate/core';
import { POLICY_OPTION_TEXT } from './policy-options.js';

/** One policy option as the policy page shows it. */
export interface PolicyRow {
  /** Dotted path, e.g. `lockout.threshold`. */
  option: string;
  /** The default as JSON, from `parsePolicy({})`. */
  defaultValue: string;
  /** Allowed values from the schema, e.g. `integer 0–31536000`. */
  allowed: string;
  text: string;
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

function describeSchema(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(describeSchema).join(' or ');
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(', ');
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any');
  if (type === 'integer' || type === 'number') {
    const range = [schema.minimum, schema.maximum].some((v) => v !== undefined)
      ? ` ${schema.minimum ?? '…'}–${schema.maximum ?? '…'}`
      : '';
    return `${type}${range}`;
  }
  if (type === 'array') {
    const item = schema.items?.type === 'object' ? 'objects' : `${schema.items ? describeSchema(schema.items) : 'any'}`;
    return `array of ${item}${schema.maxItems !== undefined ? ` (at most ${schema.maxItems})` : ''}`;
  }
  return type;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every policy option with its default (from `parsePolicy({})`) and allowed values (from the
 * schema). Throws when the documentation texts and the schema disagree about which options exist.
 */
export function policyRows(): PolicyRow[] {
  const defaults = parsePolicy({}) as unknown as Record<string, unknown>;
  const schema = z.toJSONSchema(Policy, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
  const rows: PolicyRow[] = [];
  const visit = (value: Record<string, unknown>, node: JsonSchema, prefix: string) => {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const childSchema = node.properties?.[key] ?? {};
      if (isPlainObject(child)) {
        visit(child, childSchema, path);
        continue;
      }
      const text = POLICY_OPTION_TEXT[path];
      if (text === undefined)
        throw new Error(`Policy option "${path}" has no documentation text in policy-options.ts.`);
      rows.push({ option: path, defaultValue: JSON.stringify(child), allowed: describeSchema(childSchema), text });
    }
  };
  visit(defaults, schema, '');
  const stale = Object.keys(POLICY_OPTION_TEXT).filter((key) => !rows.some((row) => row.option === key));
  if (stale.length)
    throw new Error(`policy-options.ts documents options the policy does not have: ${stale.join(', ')}`);
  return rows;
}
