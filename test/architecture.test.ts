/**
 * The folder rules of the kit, enforced: which src/ folder may import which, what steps/ may import,
 * nothing in src/ reaching into steps/ or test/, no `.only` left in tests, and no `any` types.
 * Each violation is named with its file and line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { packageRoot } from '../src/spec/spec-files.js';

const root = packageRoot();

/** Folders of src/ each src/ folder may import (besides itself). `cli` may import every folder. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  config: ['errors'],
  spec: ['errors'],
  client: ['errors'],
  checks: [],
  report: ['spec', 'errors'],
  server: ['checks', 'errors'],
  reference: ['server', 'checks', 'client', 'errors'],
  sla: ['client', 'checks', 'report', 'spec', 'errors'],
  peer: ['client', 'checks', 'server', 'spec', 'errors'],
  runner: ['client', 'config', 'peer', 'report', 'spec', 'checks', 'errors'],
  cli: ['errors', 'config', 'spec', 'client', 'checks', 'report', 'server', 'reference', 'peer', 'sla', 'runner'],
};

/** Type-only imports allowed across the rules above: `from` folder → target files (relative to src/). */
const TYPE_ONLY_EXCEPTIONS: Readonly<Record<string, readonly string[]>> = {
  peer: ['runner/topology.ts'],
  sla: ['runner/topology.ts'],
};

/** One import or re-export found in a source file. */
interface ImportRef { readonly specifier: string; readonly line: number; readonly typeOnly: boolean }

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const REGEX_PREV = /[(,=:[!&|?{};+\-*%<>~^]$|(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|void|yield|await)$/;

/**
 * The source with comments blanked, and with string, template and regex literal contents blanked too when
 * `strings` is true; line breaks are kept so positions keep their line numbers.
 */
function mask(src: string, strings: boolean): string {
  const out = src.split('');
  const blank = (from: number, to: number): void => { for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' '; };
  const templates: number[] = []; // brace depth at each open `${`
  let depth = 0;
  let i = 0;
  const skipQuoted = (quote: string, start: number): number => {
    let j = start + 1;
    while (j < src.length && src[j] !== quote && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
    if (strings) blank(start + 1, j);
    return j + 1;
  };
  const skipTemplate = (start: number): number => { // from just after ` or }, to after ` or ${
    let j = start;
    while (j < src.length && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) j += src[j] === '\\' ? 2 : 1;
    if (strings) blank(start, j);
    if (src[j] === '`') return j + 1;
    templates.push(depth);
    return j + 2;
  };
  while (i < src.length) {
    const c = src[i] ?? '';
    const next = src[i + 1] ?? '';
    if (c === '/' && next === '/') { const e = src.indexOf('\n', i); const end = e < 0 ? src.length : e; blank(i, end); i = end; }
    else if (c === '/' && next === '*') { const e = src.indexOf('*/', i + 2); const end = e < 0 ? src.length : e + 2; blank(i, end); i = end; }
    else if (c === '"' || c === "'") i = skipQuoted(c, i);
    else if (c === '`') i = skipTemplate(i + 1);
    else if (c === '/' && REGEX_PREV.test(src.slice(Math.max(0, i - 12), i).trimEnd())) {
      let j = i + 1;
      let inClass = false;
      while (j < src.length && src[j] !== '\n' && (inClass || src[j] !== '/')) {
        if (src[j] === '\\') j++;
        else if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        j++;
      }
      if (strings) blank(i + 1, j);
      i = j + 1;
    } else if (c === '{') { depth++; i++; }
    else if (c === '}') {
      if (templates.length > 0 && templates[templates.length - 1] === depth) { templates.pop(); i = skipTemplate(i + 1); }
      else { depth--; i++; }
    } else i++;
  }
  return out.join('');
}

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** Every static import, re-export, side-effect import and dynamic `import('…')` of a source text. */
function findImports(src: string): ImportRef[] {
  const code = mask(src, false);
  const bare = mask(src, true); // keywords inside string literals are blank here
  const found: ImportRef[] = [];
  const patterns: ReadonlyArray<[RegExp, (m: RegExpExecArray) => boolean]> = [
    [/(?<![\w$.])(import|export)\s+(type\s+)?((?:[\w$*{}\s,]|\btype\b)*?)\s*from\s*(['"])([^'"\n]+)\4/g, (m) => m[2] !== undefined],
    [/(?<![\w$.])import\s*(['"])([^'"\n]+)\1/g, () => false],
    [/(?<![\w$.])import\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g, () => false],
  ];
  for (const [re, typeOnly] of patterns) {
    for (let m = re.exec(code); m !== null; m = re.exec(code)) {
      if (bare[m.index] !== code[m.index]) continue;
      const specifier = m[m.length - 1] ?? '';
      found.push({ specifier, line: lineAt(code, m.index), typeOnly: typeOnly(m) });
    }
  }
  return found;
}

/** Where a file lives, as the rules see it: `src/<folder>`, `src/index.ts`, `steps`, `steps/support`, `test`, `bench` or `other`. */
function area(file: string): string {
  const parts = relative(root, file).split(sep);
  if (parts[0] === 'src') return parts.length === 2 ? 'src/index.ts' : `src/${parts[1] ?? ''}`;
  if (parts[0] === 'steps') return parts[1] === 'support' && parts.length > 2 ? 'steps/support' : 'steps';
  return parts[0] === 'test' || parts[0] === 'bench' ? (parts[0] ?? 'other') : 'other';
}

/** The rule an import breaks, or undefined when it is allowed. */
function violation(from: string, target: string, ref: ImportRef): string | undefined {
  const a = area(from);
  const b = area(target);
  if (a.startsWith('src') && (b === 'steps' || b === 'steps/support' || b === 'test' || b === 'bench')) return `src/ must not import from ${b}/`;
  if (a === 'steps' || a === 'steps/support') {
    return b.startsWith('src') || b === 'steps/support' ? undefined : 'steps/ may import only from src/ and steps/support/';
  }
  if (a === 'src/index.ts' || !a.startsWith('src/') || a === b) return undefined;
  const folder = a.slice(4);
  const rules = ALLOWED[folder];
  if (rules === undefined) return `src/${folder} has no import rule: add it to ALLOWED in test/architecture.test.ts`;
  const targetFolder = b.startsWith('src/') ? b.slice(4) : b;
  if (rules.includes(targetFolder)) return undefined;
  const rel = relative(join(root, 'src'), target).split(sep).join('/');
  if (ref.typeOnly && (TYPE_ONLY_EXCEPTIONS[folder] ?? []).includes(rel)) return undefined;
  return `src/${folder} may not import ${b === 'src/index.ts' ? 'the package entry src/index.ts' : b} (allowed: ${rules.join(', ') || 'nothing of the kit'})`;
}

function importViolations(files: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    for (const ref of findImports(readFileSync(file, 'utf8'))) {
      if (!ref.specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), ref.specifier).replace(/\.js$/, '.ts');
      const why = violation(file, target, ref);
      if (why !== undefined) out.push(`${relative(root, file)}:${ref.line}: import '${ref.specifier}': ${why}`);
    }
  }
  return out;
}

/** Lines of `files` where `pattern` matches the code with comments and literals blanked. */
function codeMatches(files: readonly string[], pattern: RegExp): string[] {
  const out: string[] = [];
  for (const file of files) {
    mask(readFileSync(file, 'utf8'), true).split('\n').forEach((line, i) => {
      if (pattern.test(line)) out.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
    });
  }
  return out;
}

const srcFiles = tsFiles(join(root, 'src'));
const stepFiles = tsFiles(join(root, 'steps'));
const testDirFiles = tsFiles(join(root, 'test'));
const allFiles = [...srcFiles, ...stepFiles, ...testDirFiles];

test('the import parser finds static, re-export, side-effect and dynamic imports and ignores comments and strings', () => {
  const src = [
    "import type { A } from '../runner/topology.js';",
    'export {',
    '  b,',
    "} from './b.js';",
    "import './side.js';",
    "// import { x } from '../steps/x.js';",
    "const s = \"import { y } from '../test/y.js'\";",
    "type T = import('../checks/index.js').K;",
  ].join('\n');
  assert.deepEqual(findImports(src).map((r) => [r.specifier, r.line, r.typeOnly]).sort(), [
    ['../checks/index.js', 8, false], ['../runner/topology.js', 1, true], ['./b.js', 2, false], ['./side.js', 5, false],
  ]);
});

test('the masker blanks comments, strings, templates and regex literals but keeps code and line numbers', () => {
  const src = "const a: number = 1; // as any\nconst r = /'[\"]/g; const t = `x ${a as number} y`; /* : any */ f('as any');";
  const masked = mask(src, true);
  assert.equal(masked.split('\n').length, 2);
  assert.doesNotMatch(masked, /any/);
  assert.match(masked, /a as number/);
  assert.match(masked, /const a: number = 1;/);
});

test('each src/ folder imports only the folders it is allowed to, and nothing under src/ imports steps/ or test/', () => {
  assert.ok(srcFiles.length > 0);
  assert.deepEqual(importViolations(srcFiles), []);
});

test('step definitions import only from src/ and steps/support/', () => {
  assert.ok(stepFiles.length > 0);
  assert.deepEqual(importViolations(stepFiles), []);
});

test('no test is left focused with .only', () => {
  const tests = allFiles.filter((f) => /\.test\.ts$/.test(f) || f.includes(`${sep}steps${sep}`));
  assert.deepEqual(codeMatches(tests, /\.only\s*\(|\bonly\s*:\s*true\b/), []);
});

test('no `any` type annotation appears in src/, steps/ or test/', () => {
  assert.deepEqual(codeMatches(allFiles, /:\s*any\b|\bas\s+any\b|<\s*any\s*[,>]|,\s*any\s*>|\bany\s*\[\s*\]/), []);
});
