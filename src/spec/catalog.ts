/**
 * The requirement catalog (`spec/requirements.yaml`): its zod schema and its loader.
 * Every entry is one normative statement of the upstream spec (or a kit-defined SLA), in our words.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { CtkError } from '../errors/index.js';
import { ACTORS, CATEGORIES, LEVELS, type Category } from './categories.js';

/** The id areas and the category every id of that area must carry. */
export const AREA_CATEGORIES = {
  SCH: 'schema',
  AK: 'activation-key',
  NEG: 'negotiation',
  LC: 'lifecycle',
  DEF: 'deferral',
  MS: 'macsec',
  MNT: 'maintenance',
  RES: 'resiliency',
  SLA: 'sla',
  SEC: 'security',
  ISS: 'issues',
} as const satisfies Record<string, Category>;

/** One id area (`AK` in `CC-AK-003`). */
export type Area = keyof typeof AREA_CATEGORIES;

/** The shape of a requirement id: `CC-<AREA>-<three digits>`. */
export const REQUIREMENT_ID_PATTERN = /^CC-(SCH|AK|NEG|LC|DEF|MS|MNT|RES|SLA|SEC|ISS)-\d{3}$/;

/** Whether a requirement can be judged from outside the candidate: fully, in part, or not at all. */
export const TESTABILITY = ['yes', 'partly', 'no'] as const;

/** One testability value. */
export type Testability = (typeof TESTABILITY)[number];

/** How a resiliency finding weighs: `blocker` stops production use, `advisory` is a recommendation. */
export const SEVERITIES = ['blocker', 'advisory'] as const;

/** One resiliency severity. */
export type Severity = (typeof SEVERITIES)[number];

/** Where a source may point: an upstream file (docs, paths, schemas, governance), the kit contracts or a seed. */
const SOURCE_PATTERN =
  /^(docs\/[A-Za-z]+\.md|paths\/[a-z]+\.yaml|schemas\/[a-z]+\.yaml|openapi\.yaml|governance\/[A-Z_]+\.md|kit-contracts\.md|seeds\/[\w.-]+\.txt)#[A-Za-z0-9_-]+$/;

/** A defect id of spec-defects.md, D01 to D72. */
const errataId = z.string().regex(/^D(0[1-9]|[1-6]\d|7[0-2])$/, 'must be a defect id D01..D72 of spec-defects.md');

/** The SLA threshold a measured figure is compared with: a run-configuration key and the direction. */
const ThresholdSchema = z.strictObject({
  key: z.string().regex(/^sla\.[a-zA-Z][a-zA-Z0-9]*$/, 'must name an `sla.*` configuration key'),
  comparison: z.enum(['<=', '>=']),
});

/** The zod schema of one catalog entry (unknown keys are rejected). */
export const RequirementSchema = z
  .strictObject({
    id: z.string().regex(REQUIREMENT_ID_PATTERN, 'must match CC-<AREA>-<NNN>'),
    level: z.enum(LEVELS),
    category: z.enum(CATEGORIES),
    actor: z.enum(ACTORS),
    title: z
      .string()
      .min(10)
      .max(160)
      .regex(/^[^\n]+$/, 'must be one line'),
    source: z.string().regex(SOURCE_PATTERN, 'must be `file#section-anchor` of an upstream file, kit-contracts.md or a seed'),
    testable: z.enum(TESTABILITY),
    reason: z.string().min(5).optional(),
    errata: z
      .union([errataId, z.array(errataId).min(1)])
      .transform((v) => (typeof v === 'string' ? [v] : v))
      .optional(),
    severity: z.enum(SEVERITIES).optional(),
    threshold: ThresholdSchema.optional(),
  })
  .superRefine((entry, ctx) => {
    const area = /^CC-([A-Z]+)-/.exec(entry.id)?.[1] as Area | undefined;
    const expected = area === undefined ? undefined : AREA_CATEGORIES[area];
    if (expected !== undefined && entry.category !== expected) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: `must be '${expected}' for area ${area}` });
    }
    if (entry.testable !== 'yes' && entry.reason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required when testable is partly or no' });
    }
    if (entry.testable === 'yes' && entry.reason !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'only allowed when testable is partly or no' });
    }
    if (entry.category === 'resiliency' && entry.severity === undefined) {
      ctx.addIssue({ code: 'custom', path: ['severity'], message: 'required for resiliency entries (blocker or advisory)' });
    }
    if (entry.category !== 'resiliency' && entry.severity !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['severity'], message: 'only allowed on resiliency entries' });
    }
    if (entry.category !== 'sla' && entry.threshold !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'only allowed on sla entries' });
    }
  });

/** One requirement of the catalog, as loaded. */
export type Requirement = Readonly<z.output<typeof RequirementSchema>>;

/** The zod schema of the catalog file: the upstream commit it encodes and its entries. */
export const CatalogFileSchema = z.strictObject({
  upstreamCommit: z.string().regex(/^[0-9a-f]{40}$/, 'must be the 40-hex upstream commit'),
  requirements: z.array(z.unknown()).min(1),
});

/** The loaded catalog: entries in file order and a lookup by id. */
export interface Catalog {
  /** The upstream commit the catalog encodes (`UPSTREAM_COMMIT`). */
  readonly upstreamCommit: string;
  /** Every requirement, in file order. */
  readonly entries: readonly Requirement[];
  /** The requirement with that id, or undefined. */
  byId(id: string): Requirement | undefined;
}

/** Relative location of the catalog inside the package. */
export const CATALOG_RELATIVE_PATH = join('spec', 'requirements.yaml');

/** Finds the package root by walking up from `start` until a directory holds spec/requirements.yaml. */
export function findPackageRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, CATALOG_RELATIVE_PATH))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new CtkError('CTK_ERR_SPEC_INVALID', `No ${CATALOG_RELATIVE_PATH} found above ${start}; reinstall the package.`);
    }
    dir = parent;
  }
}

/** Formats a zod issue path after a prefix, as `prefix.key[0].sub`. */
function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), prefix);
}

/** The label of entry `index` in problem lines: `requirements[3] CC-AK-003`. */
function entryLabel(index: number, raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? `requirements[${index}] ${id}` : `requirements[${index}] (no id)`;
}

/** Validates every entry, collecting each problem as `requirements[i] ID: key: message`. */
function validateEntries(raws: readonly unknown[], problems: string[]): Requirement[] {
  const entries: Requirement[] = [];
  const firstIndex = new Map<string, number>();
  raws.forEach((raw, index) => {
    const label = entryLabel(index, raw);
    const parsed = RequirementSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path.length > 0 ? formatPath('', issue.path).replace(/^\./, '') : '(entry)';
        if (issue.code === 'unrecognized_keys') {
          for (const k of issue.keys) problems.push(`${label}: ${key === '(entry)' ? k : `${key}.${k}`}: unknown key`);
        } else {
          problems.push(`${label}: ${key}: ${issue.message}`);
        }
      }
    } else {
      entries.push(parsed.data);
    }
    const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    if (typeof id === 'string') {
      const seen = firstIndex.get(id);
      if (seen !== undefined) problems.push(`${label}: id: duplicate of requirements[${seen}]`);
      else firstIndex.set(id, index);
    }
  });
  return entries;
}

/** Reads and parses the YAML text of the catalog, turning read and syntax errors into coded errors. */
function readCatalogYaml(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CtkError('CTK_ERR_SPEC_INVALID', `Cannot read the requirement catalog ${path}: ${(err as Error).message}`);
  }
  try {
    return parse(text, { prettyErrors: true });
  } catch (err) {
    throw new CtkError('CTK_ERR_SPEC_INVALID', `The requirement catalog ${path} is not valid YAML: ${(err as Error).message}`);
  }
}

/**
 * Loads and validates the requirement catalog synchronously. `path` defaults to spec/requirements.yaml
 * at the package root. Throws CtkError `CTK_ERR_SPEC_INVALID` listing every problem (entry index, id, key path).
 */
export function loadCatalog(path?: string): Catalog {
  const file = path ?? join(findPackageRoot(), CATALOG_RELATIVE_PATH);
  const raw = readCatalogYaml(file);
  const problems: string[] = [];
  const top = CatalogFileSchema.safeParse(raw);
  if (!top.success) {
    for (const issue of top.error.issues) problems.push(`${formatPath('(file)', issue.path)}: ${issue.message}`);
  }
  const raws = top.success ? top.data.requirements : [];
  const entries = validateEntries(raws, problems);
  if (problems.length > 0) {
    const head = `The requirement catalog ${file} has ${problems.length} problem(s); first: ${problems[0] ?? ''}`;
    throw new CtkError('CTK_ERR_SPEC_INVALID', head, problems);
  }
  const index = new Map(entries.map((e) => [e.id, e] as const));
  return {
    upstreamCommit: top.success ? top.data.upstreamCommit : '',
    entries,
    byId: (id: string) => index.get(id),
  };
}
