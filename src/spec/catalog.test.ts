import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { isCtkError } from '../errors/index.js';
import { CATEGORIES } from './categories.js';
import { AREA_CATEGORIES, findPackageRoot, loadCatalog, type Area } from './catalog.js';

/** The ids fixed in advance (FIXED-IDS.md): id, level and actor. The category follows from the area. */
const FIXED: ReadonlyArray<readonly [string, 'MUST' | 'SHOULD' | 'MAY', 'server' | 'client']> = [
  ...[1, 2, 3, 4, 5, 6, 7, 9, 10, 11].map((n) => [`CC-SCH-${pad(n)}`, 'MUST', 'server'] as const),
  ['CC-SCH-008', 'SHOULD', 'server'],
  ['CC-SCH-012', 'SHOULD', 'server'],
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 11].map((n) => [`CC-AK-${pad(n)}`, 'MUST', 'server'] as const),
  ['CC-AK-010', 'MAY', 'server'],
  ['CC-AK-012', 'SHOULD', 'server'],
  ...[1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((n) => [`CC-NEG-${pad(n)}`, 'MUST', 'server'] as const),
  ['CC-NEG-004', 'SHOULD', 'server'],
  ...[1, 2, 3, 4, 5, 6].map((n) => [`CC-LC-${pad(n)}`, 'MUST', 'server'] as const),
];

function pad(n: number): string {
  return String(n).padStart(3, '0');
}

const HEADER = 'upstreamCommit: 8c3beb10cde28749b88aae831aed43d01931f56a\nrequirements:';

const GOOD_ENTRY = [
  '  - id: CC-AK-002',
  '    level: MUST',
  '    category: activation-key',
  '    actor: server',
  '    title: A genuine key is confirmed by its issuer',
  '    source: docs/Protocols.md#establish-customer-intent',
  '    testable: yes',
].join('\n');

/** Writes a catalog made of `body` to a temporary file and returns its path. */
function writeTemp(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctk-catalog-'));
  const path = join(dir, 'requirements.yaml');
  writeFileSync(path, `${HEADER}\n${body}\n`);
  return path;
}

/** Loads `path` and returns the problem lines of the CtkError it must throw. */
function problemsOf(path: string): string[] {
  try {
    loadCatalog(path);
  } catch (err) {
    assert.ok(isCtkError(err), 'a CtkError is thrown');
    assert.equal(err.code, 'CTK_ERR_SPEC_INVALID');
    return [...err.details];
  }
  assert.fail('the invalid catalog was accepted');
}

test('the bundled catalog loads and validates', () => {
  const catalog = loadCatalog();
  assert.ok(catalog.entries.length >= 150, `expected at least 150 entries, got ${catalog.entries.length}`);
  assert.match(catalog.upstreamCommit, /^[0-9a-f]{40}$/);
  assert.equal(catalog.byId('CC-AK-003')?.category, 'activation-key');
  assert.equal(catalog.byId('CC-XX-999'), undefined);
});

test('the catalog encodes the upstream commit of the shared snapshot', (t) => {
  const file = join(upstreamRoot() ?? '/nonexistent', 'UPSTREAM_COMMIT');
  if (!existsSync(file)) return t.skip('upstream snapshot not present');
  const commit = readFileSync(file, 'utf8').trim().split(/\s+/)[0];
  assert.equal(loadCatalog().upstreamCommit, commit);
});

test('the fixed ids exist with their level, category and actor', () => {
  const catalog = loadCatalog();
  for (const [id, level, actor] of FIXED) {
    const entry = catalog.byId(id);
    assert.ok(entry, `${id} is in the catalog`);
    const area = id.split('-')[1] as Area;
    assert.deepEqual([entry.level, entry.category, entry.actor], [level, AREA_CATEGORIES[area], actor], id);
  }
});

test('ids are numbered without gaps within each area', () => {
  const byArea = new Map<string, number[]>();
  for (const e of loadCatalog().entries) {
    const [, area, num] = e.id.split('-');
    byArea.set(area ?? '', [...(byArea.get(area ?? '') ?? []), Number(num)]);
  }
  for (const [area, nums] of byArea) {
    const sorted = [...nums].sort((a, b) => a - b);
    assert.deepEqual(sorted, sorted.map((_, i) => i + 1), `area ${area} is numbered 1..${sorted.length}`);
  }
});

test('every category is used at least once', () => {
  const used = new Set(loadCatalog().entries.map((e) => e.category));
  for (const category of CATEGORIES) assert.ok(used.has(category), `category ${category} is used`);
});

test('sla entries with a threshold name a configuration key and resiliency entries carry a severity', () => {
  const entries = loadCatalog().entries;
  assert.ok(entries.some((e) => e.threshold?.key === 'sla.p99LatencyMs'));
  assert.ok(entries.some((e) => e.threshold?.key === 'sla.availability'));
  for (const e of entries.filter((x) => x.category === 'resiliency')) assert.ok(e.severity, `${e.id} has a severity`);
});

test('a duplicate id is rejected, naming the id and both positions', () => {
  const problems = problemsOf(writeTemp(`${GOOD_ENTRY}\n${GOOD_ENTRY}`));
  assert.ok(problems.some((p) => p.includes('requirements[1] CC-AK-002') && p.includes('id: duplicate of requirements[0]')), problems.join('\n'));
});

test('an unknown key is rejected, naming the id and the key', () => {
  const problems = problemsOf(writeTemp(`${GOOD_ENTRY}\n    note: not part of the schema`));
  assert.ok(problems.includes('requirements[0] CC-AK-002: note: unknown key'), problems.join('\n'));
});

test('a missing reason on a partly testable entry is rejected, naming the id and the key', () => {
  const body = GOOD_ENTRY.replace('testable: yes', 'testable: partly');
  const problems = problemsOf(writeTemp(body));
  assert.ok(problems.some((p) => p.startsWith('requirements[0] CC-AK-002: reason:')), problems.join('\n'));
});

test('every problem of a file is listed at once, including category and id shape', () => {
  const body = [
    GOOD_ENTRY.replace('category: activation-key', 'category: macsec'),
    GOOD_ENTRY.replace('CC-AK-002', 'CC-FOO-1').replace('level: MUST', 'level: MUSTNT'),
  ].join('\n');
  const problems = problemsOf(writeTemp(body));
  assert.ok(problems.some((p) => p.startsWith('requirements[0] CC-AK-002: category:')), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('requirements[1] CC-FOO-1: id:')), problems.join('\n'));
  assert.ok(problems.some((p) => p.startsWith('requirements[1] CC-FOO-1: level:')), problems.join('\n'));
});

test('a file that is not YAML is refused with the coded error', () => {
  const path = writeTemp('  - id: [unclosed');
  assert.throws(() => loadCatalog(path), (err: unknown) => isCtkError(err) && err.code === 'CTK_ERR_SPEC_INVALID');
});

// ---- checks against the upstream snapshot (skipped where ../shared/upstream-spec is absent) ----

/** The upstream snapshot root: $CTK_UPSTREAM_DIR, or ../shared/upstream-spec beside the package. */
function upstreamRoot(): string | undefined {
  const candidates = [process.env['CTK_UPSTREAM_DIR'], resolve(findPackageRoot(), '..', 'shared', 'upstream-spec')];
  return candidates.find((c): c is string => c !== undefined && existsSync(join(c, 'connection-coordinator')));
}

/** Every upstream text file the catalog may cite, keyed by its source path (docs/..., governance/...). */
function upstreamFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const cc = join(root, 'connection-coordinator');
  for (const sub of ['docs', 'paths', 'schemas']) {
    for (const name of readdirSync(join(cc, sub))) files.set(`${sub}/${name}`, readFileSync(join(cc, sub, name), 'utf8'));
  }
  files.set('openapi.yaml', readFileSync(join(cc, 'openapi.yaml'), 'utf8'));
  const gov = 'governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md';
  files.set(gov, readFileSync(join(root, gov), 'utf8'));
  return files;
}

/** GitHub-style heading slugs of a markdown text (duplicates get -1, -2 ...). */
function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>();
  const counts = new Map<string, number>();
  for (const line of markdown.split('\n')) {
    const m = /^#{1,6}\s+(.*)$/.exec(line);
    if (!m?.[1]) continue;
    const text = m[1].replace(/\*\*|`|\\/g, '').trim().toLowerCase();
    const base = text.replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    slugs.add(n === 0 ? base : `${base}-${n}`);
  }
  return slugs;
}

/** Lower-cased words of a text with markdown emphasis and punctuation removed. */
function words(text: string): string[] {
  return text
    .replace(/\*\*|`|\\/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}{}/_.-]+/u)
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ''))
    .filter((w) => w.length > 0);
}

test('every upstream source points at an existing file and section', (t) => {
  const root = upstreamRoot();
  if (!root) return t.skip('upstream snapshot not present');
  const files = upstreamFiles(root);
  const shared = resolve(root, '..');
  for (const e of loadCatalog().entries) {
    const [file = '', anchor = ''] = e.source.split('#');
    if (file === 'kit-contracts.md') {
      assert.ok(headingSlugs(readFileSync(join(shared, file), 'utf8')).has(anchor), `${e.id}: ${e.source}`);
      continue;
    }
    if (file.startsWith('seeds/')) {
      const seed = words(readFileSync(join(shared, file), 'utf8')).join(' ');
      for (const w of anchor.split('-').filter((x) => x.length > 0)) assert.ok(seed.includes(w), `${e.id}: ${e.source}`);
      continue;
    }
    const text = files.get(file);
    assert.ok(text !== undefined, `${e.id}: ${file} exists upstream`);
    if (file.endsWith('.md')) assert.ok(headingSlugs(text).has(anchor), `${e.id}: heading #${anchor} in ${file}`);
    else assert.ok(Object.hasOwn(parse(text) as object, anchor), `${e.id}: key ${anchor} in ${file}`);
  }
});

test('no title copies 8 or more consecutive words of upstream text', (t) => {
  const root = upstreamRoot();
  if (!root) return t.skip('upstream snapshot not present');
  const corpus = ` ${[...upstreamFiles(root).values()].map((text) => words(text).join(' ')).join(' | ')} `;
  for (const e of loadCatalog().entries) {
    const w = words(e.title);
    for (let i = 0; i + 8 <= w.length; i += 1) {
      const run = w.slice(i, i + 8).join(' ');
      assert.ok(!corpus.includes(` ${run} `), `${e.id}: title repeats upstream words "${run}"`);
    }
  }
});
