/**
 * The README stays true to the code: every error code is in its error table and only real codes are
 * mentioned, and its configuration example is a valid configuration that shows every key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigSchema } from '../src/config/index.js';
import { ERROR_CODES } from '../src/errors/index.js';
import { packageRoot } from '../src/spec/spec-files.js';

const root = packageRoot();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const CODE = /CTK_ERR_[A-Z0-9_]+/g;

/** The body of the README section headed `heading` (up to the next heading of the same or a higher level). */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.replace(/^#+\s*/, '') === heading && l.startsWith('#'));
  assert.ok(start >= 0, `README.md has no section "${heading}"`);
  const level = /^#+/.exec(lines[start] ?? '')?.[0].length ?? 1;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => { const m = /^(#+)\s/.exec(l); return m !== null && (m[1]?.length ?? 0) <= level; });
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

test('every error code of the catalogue has a row in the README error table, and the table lists no other code', () => {
  const rows = section(readme, 'Error codes').split('\n').filter((l) => l.startsWith('|'));
  const documented = rows.map((r) => /^\|\s*`(CTK_ERR_[A-Z0-9_]+)`\s*\|\s*\S/.exec(r)?.[1]).filter((c): c is string => c !== undefined);
  const known = Object.keys(ERROR_CODES);
  assert.deepEqual(known.filter((c) => !documented.includes(c)), [], 'codes missing from the README error table (add a row with what to do)');
  assert.deepEqual(documented.filter((c) => !known.includes(c)), [], 'README error table rows for codes that do not exist');
  assert.equal(new Set(documented).size, documented.length, 'a code has two rows in the README error table');
});

test('every CTK_ERR_ code mentioned under src/ and in the README exists in the error catalogue', () => {
  const known = new Set(Object.keys(ERROR_CODES));
  const unknown: string[] = [];
  for (const file of tsFiles(join(root, 'src'))) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const m of line.matchAll(CODE)) if (!known.has(m[0])) unknown.push(`${relative(root, file)}:${i + 1}: ${m[0]}`);
    });
  }
  for (const m of readme.matchAll(CODE)) if (!known.has(m[0])) unknown.push(`README.md: ${m[0]}`);
  assert.deepEqual(unknown, [], 'codes used but not defined in src/errors/index.ts ERROR_CODES');
});

/** Dotted paths of every key of an object schema, through defaults, optionals and nullables. */
function schemaPaths(schema: z.ZodType, prefix = ''): string[] {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else break;
  }
  if (!(s instanceof z.ZodObject)) return [];
  return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([k, v]) => [`${prefix}${k}`, ...schemaPaths(v, `${prefix}${k}.`)]);
}

function valuePaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...valuePaths(v, `${prefix}${k}.`)]);
}

test("the README's configuration example is a valid run configuration that shows every key of the schema", () => {
  const block = /```yaml\n([\s\S]*?)```/.exec(section(readme, 'Certifying your staging API'))?.[1];
  assert.ok(block !== undefined, 'no ```yaml block in "Certifying your staging API"');
  const raw: unknown = parseYaml(block);
  const parsed = ConfigSchema.safeParse(raw);
  assert.ok(parsed.success, `the README example does not parse: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`);
  const shown = new Set(valuePaths(raw));
  assert.deepEqual(schemaPaths(ConfigSchema).filter((p) => !shown.has(p)), [], 'configuration keys missing from the README example');
});
