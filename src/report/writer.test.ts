import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_SECRETS, sampleReport } from './fixture.test-support.js';
import { JSON_WRITER } from './json.js';
import { MARKDOWN_WRITER } from './markdown.js';
import { scanForSecrets } from './redact.js';
import { ReportSchema, type Report } from './schema.js';
import { verifyReport } from './integrity.js';
import { writeReport } from './writer.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ctk-report-'));
}

test('writeReport writes the four report files and integrity.json, and report.json parses with the schema', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const result = await writeReport(sampleReport(), dir);
  assert.deepEqual(result.errors, []);
  assert.deepEqual((await readdir(dir)).sort(), ['integrity.json', 'junit.xml', 'report.html', 'report.json', 'report.md']);
  assert.equal(result.written.length, 5);
  const parsed = ReportSchema.parse(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')));
  assert.equal(parsed.verdict, 'NOT_CERTIFIED');
  assert.equal(parsed.requirements.length, sampleReport().requirements.length);
});

test('report.json keeps the schema key order and is identical for equal reports', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeReport(sampleReport(), dir);
  const text = await readFile(join(dir, 'report.json'), 'utf8');
  assert.deepEqual(Object.keys(JSON.parse(text) as object), Object.keys(ReportSchema.shape));
  const shuffled = Object.fromEntries(Object.entries(sampleReport()).reverse()) as Report;
  await writeReport(shuffled, dir);
  assert.equal(await readFile(join(dir, 'report.json'), 'utf8'), text);
});

test('no written file contains key material, even when evidence was stored unredacted', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeReport(sampleReport(), dir);
  for (const file of await readdir(dir)) {
    const text = await readFile(join(dir, file), 'utf8');
    assert.deepEqual(scanForSecrets(text, Object.values(FIXTURE_SECRETS)), [], `${file} leaks a secret`);
  }
  assert.match(await readFile(join(dir, 'report.json'), 'utf8'), /"cak": "\[redacted sha256:[0-9a-f]{8}\]"/);
});

test('a writer that throws does not prevent the others, and integrity covers what was written', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const broken = { file: 'report.html', render: (): string => { throw new Error('renderer exploded'); } };
  const result = await writeReport(sampleReport(), dir, { writers: [JSON_WRITER, broken, MARKDOWN_WRITER] });
  assert.deepEqual(result.errors, [{ file: 'report.html', message: 'renderer exploded' }]);
  assert.deepEqual((await readdir(dir)).sort(), ['integrity.json', 'report.json', 'report.md']);
  const manifest = JSON.parse(await readFile(join(dir, 'integrity.json'), 'utf8')) as { files: Record<string, string> };
  assert.deepEqual(Object.keys(manifest.files).sort(), ['report.json', 'report.md']);
  const verified = await verifyReport(dir);
  assert.equal(verified.ok, false);
  assert.ok(verified.problems.some((p) => p.includes('report.html is not listed')), verified.problems.join('\n'));
});

test('report files of an earlier run are removed before writing', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'report.html'), 'stale');
  await writeFile(join(dir, 'notes.txt'), 'kept');
  await writeReport(sampleReport(), dir, { writers: [JSON_WRITER] });
  assert.deepEqual((await readdir(dir)).sort(), ['integrity.json', 'notes.txt', 'report.json']);
});

test('an invalid report is refused before anything is written', async (t) => {
  const dir = join(await tempDir(), 'out');
  t.after(() => rm(dir, { recursive: true, force: true }));
  const bad = { ...sampleReport(), verdict: 'MAYBE' } as unknown as Report;
  await assert.rejects(writeReport(bad, dir), /does not match its schema \(verdict:/);
  await assert.rejects(readdir(dir), { code: 'ENOENT' });
});

test('a directory that cannot be created is a coded user error', async (t) => {
  const base = await tempDir();
  t.after(() => rm(base, { recursive: true, force: true }));
  await writeFile(join(base, 'file'), 'x');
  await assert.rejects(writeReport(sampleReport(), join(base, 'file', 'sub')), { code: 'CTK_ERR_REPORT_WRITE' });
});

test('a signing key that is not Ed25519 is reported and the report files are still written', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const result = await writeReport(sampleReport(), dir, { signingKeyPem: privateKey });
  assert.deepEqual(result.errors, [{ file: 'integrity.json', message: 'The report signing key must be Ed25519, not rsa.' }]);
  assert.deepEqual((await readdir(dir)).sort(), ['junit.xml', 'report.html', 'report.json', 'report.md']);
});
