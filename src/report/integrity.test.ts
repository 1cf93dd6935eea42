import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from './canonical-json.js';
import { sampleReport } from './fixture.test-support.js';
import { sha256Hex, verifyReport, writeIntegrity } from './integrity.js';
import { writeReport } from './writer.js';

function ed25519(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
}

async function written(signingKeyPem?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ctk-integrity-'));
  const { errors } = await writeReport(sampleReport(), dir, signingKeyPem !== undefined ? { signingKeyPem } : {});
  assert.deepEqual(errors, []);
  return dir;
}

test('a freshly written report verifies and gives its verdict', async (t) => {
  const dir = await written();
  t.after(() => rm(dir, { recursive: true, force: true }));
  assert.deepEqual(await verifyReport(dir), { ok: true, problems: [], signed: false, verdict: 'NOT_CERTIFIED' });
});

test('editing one byte of report.html breaks verification', async (t) => {
  const dir = await written();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'report.html');
  const bytes = await readFile(path);
  bytes[100] = (bytes[100] ?? 0) ^ 1;
  await writeFile(path, bytes);
  const result = await verifyReport(dir);
  assert.equal(result.ok, false);
  assert.deepEqual(result.problems, ['report.html does not match its recorded SHA-256: it was changed after the report was written']);
});

test('a signed report verifies with its key and is rejected against another key', async (t) => {
  const key = ed25519();
  const dir = await written(key.privateKey);
  t.after(() => rm(dir, { recursive: true, force: true }));
  assert.deepEqual(await verifyReport(dir, { publicKeyPem: key.publicKey }), { ok: true, problems: [], signed: true, verdict: 'NOT_CERTIFIED' });
  const other = await verifyReport(dir, { publicKeyPem: ed25519().publicKey });
  assert.equal(other.ok, false);
  assert.equal(other.signed, false);
  assert.deepEqual(other.problems, ['the report is signed with a different key than the one given']);
});

test('re-signing changed digests with another key is caught when the expected key is given', async (t) => {
  const key = ed25519();
  const dir = await written(key.privateKey);
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'report.md'), 'forged\n');
  const forger = ed25519();
  await writeIntegrity(dir, ['report.json', 'report.html', 'junit.xml', 'report.md'], forger.privateKey);
  assert.equal((await verifyReport(dir)).ok, true, 'self-consistent without an expected key');
  assert.equal((await verifyReport(dir, { publicKeyPem: key.publicKey })).ok, false);
});

test('a signature that does not match the digests is reported', async (t) => {
  const dir = await written(ed25519().privateKey);
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'integrity.json');
  const manifest = JSON.parse(await readFile(path, 'utf8')) as { files: Record<string, string> };
  const junit = await readFile(join(dir, 'junit.xml'));
  await writeFile(join(dir, 'junit.xml'), Buffer.concat([junit, Buffer.from('\n')]));
  manifest.files['junit.xml'] = sha256Hex(await readFile(join(dir, 'junit.xml')));
  await writeFile(path, JSON.stringify(manifest));
  const result = await verifyReport(dir);
  assert.equal(result.ok, false);
  assert.equal(result.signed, false);
  assert.match(result.problems.join('\n'), /signature in integrity.json does not verify/);
});

test('an unsigned report fails when a public key is expected', async (t) => {
  const dir = await written();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const result = await verifyReport(dir, { publicKeyPem: ed25519().publicKey });
  assert.deepEqual(result.problems, ['the report is not signed, but a public key to check it against was given']);
});

test('missing or broken files are problems, not crashes', async (t) => {
  const empty = await mkdtemp(join(tmpdir(), 'ctk-integrity-'));
  t.after(() => rm(empty, { recursive: true, force: true }));
  assert.deepEqual(await verifyReport(empty), { ok: false, problems: ['integrity.json is missing', 'report.json is missing'], signed: false });
  await writeFile(join(empty, 'integrity.json'), '{ not json');
  await writeFile(join(empty, 'report.json'), JSON.stringify({ verdict: 'CERTIFIED' }));
  const result = await verifyReport(empty);
  assert.equal(result.ok, false);
  assert.match(result.problems[0] ?? '', /^integrity.json is not valid JSON/);
  assert.match(result.problems[1] ?? '', /^report.json does not match the report schema/);
  assert.equal(result.verdict, undefined);
});

test('a manifest naming a path outside the report is refused', async (t) => {
  const dir = await written();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'integrity.json');
  const manifest = JSON.parse(await readFile(path, 'utf8')) as { files: Record<string, string> };
  manifest.files['../etc/passwd'] = 'a'.repeat(64);
  await writeFile(path, JSON.stringify(manifest));
  assert.deepEqual((await verifyReport(dir)).problems, ['integrity.json lists "../etc/passwd", which is not a report file name']);
});

test('canonical JSON sorts keys at every depth and drops undefined members', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
});
