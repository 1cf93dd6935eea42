/**
 * Loading and validating a run configuration file (YAML or JSON).
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { CtkError } from '../errors/index.js';
import { ConfigSchema, type RunConfig } from './schema.js';

/** Edit distance between two short strings, used for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

/** Returns the closest known key when it is near enough to be a typo. */
export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const k of known) {
    const d = distance(unknown.toLowerCase(), k.toLowerCase());
    if (d < bestScore) { best = k; bestScore = d; }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(unknown.length / 3)) ? best : undefined;
}

function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let shape: z.ZodType = ConfigSchema;
  for (const seg of path) {
    const inner = unwrap(shape);
    const fields = shapeOf(inner);
    const next = fields?.[String(seg)];
    if (next === undefined) return [];
    shape = next;
  }
  return Object.keys(shapeOf(unwrap(shape)) ?? {});
}

function unwrap(t: z.ZodType): z.ZodType {
  const def = (t as unknown as { def?: { innerType?: z.ZodType } }).def;
  return def?.innerType !== undefined ? unwrap(def.innerType) : t;
}

function shapeOf(t: z.ZodType): Record<string, z.ZodType> | undefined {
  return (t as unknown as { shape?: Record<string, z.ZodType> }).shape;
}

/** Turns zod issues into one line per problem, naming the key path and suggesting fixes for typos. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(issue.path);
      for (const key of issue.keys) {
        const hint = suggestKey(key, known);
        const full = [...issue.path, key].join('.');
        lines.push(`${full}: unknown key${hint !== undefined ? ` (did you mean ${[...issue.path, hint].join('.')}?)` : ''}`);
      }
    } else {
      lines.push(`${where}: ${issue.message}`);
    }
  }
  return lines;
}

/** Validates an already-parsed configuration object, collecting every problem at once. */
export function parseConfig(raw: unknown, origin = 'configuration'): RunConfig {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = describeIssues(result.error.issues);
    throw new CtkError('CTK_ERR_CONFIG_INVALID', `${origin} is invalid (${lines.length} problem${lines.length === 1 ? '' : 's'})`, lines);
  }
  return result.data;
}

/** Reads a YAML or JSON configuration file and validates it. */
export function loadConfigFile(file: string): RunConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CtkError('CTK_ERR_CONFIG_READ', `cannot read configuration file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err);
    throw new CtkError('CTK_ERR_CONFIG_READ', `cannot parse configuration file ${file}: ${msg}`);
  }
  return parseConfig(raw, file);
}

/** Reads the secrets the configuration names from the environment; a missing variable is a user error. */
export function readSecret(envVar: string, env: NodeJS.ProcessEnv, purpose: string): string {
  const value = env[envVar];
  if (value === undefined || value === '') {
    throw new CtkError('CTK_ERR_SECRET_MISSING', `environment variable ${envVar} (${purpose}) is not set`);
  }
  return value;
}
