/**
 * `integrity.json`: SHA-256 digests of the report files and, when a key is given, an Ed25519
 * signature over them; and the verifier behind `ictk verify`.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFile, writeFile, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { CtkError } from '../errors/index.js';
import { canonicalJson } from './canonical-json.js';
import { ReportSchema } from './schema.js';

/** Name of the integrity manifest inside a report directory. */
export const INTEGRITY_FILE = 'integrity.json';

/** The report files a complete report directory holds, each listed in the manifest. */
export const REPORT_FILES = ['report.json', 'report.html', 'junit.xml', 'report.md'] as const;

/** The schema of `integrity.json`. */
export const IntegritySchema = z.object({
  algorithm: z.literal('sha256'),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  signature: z.object({
    algorithm: z.literal('ed25519'),
    publicKey: z.string(),
    value: z.string(),
  }).optional(),
});

/** A parsed `integrity.json`. */
export type Integrity = z.infer<typeof IntegritySchema>;

/** The SHA-256 of some bytes, as lowercase hex. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The exact bytes a signature covers: the canonical JSON of `{algorithm, files}`. */
export function signedPayload(manifest: Pick<Integrity, 'algorithm' | 'files'>): Buffer {
  return Buffer.from(canonicalJson({ algorithm: manifest.algorithm, files: manifest.files }), 'utf8');
}

/** Loads an Ed25519 private key from PEM, or throws a coded error saying what is wrong with it. */
export function loadSigningKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new CtkError('CTK_ERR_REPORT_WRITE', 'The report signing key could not be read as a PEM private key.', [errorText(err)]);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CtkError('CTK_ERR_REPORT_WRITE', `The report signing key must be Ed25519, not ${key.asymmetricKeyType ?? 'unknown'}.`);
  }
  return key;
}

/**
 * Builds the manifest for `files` (names inside `dir`) from their bytes on disk, signing it when
 * `signingKeyPem` (an Ed25519 private key in PEM) is given.
 */
export async function buildIntegrity(dir: string, files: readonly string[], signingKeyPem?: string): Promise<Integrity> {
  const digests: Record<string, string> = {};
  for (const file of files) digests[file] = sha256Hex(await readFile(join(dir, file)));
  const manifest: Integrity = { algorithm: 'sha256', files: digests };
  if (signingKeyPem === undefined) return manifest;
  const key = loadSigningKey(signingKeyPem);
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  const value = sign(null, signedPayload(manifest), key).toString('base64');
  return { ...manifest, signature: { algorithm: 'ed25519', publicKey, value } };
}

/** Writes `integrity.json` for `files` in `dir` (see {@link buildIntegrity}) and returns its path. */
export async function writeIntegrity(dir: string, files: readonly string[], signingKeyPem?: string): Promise<string> {
  const manifest = await buildIntegrity(dir, files, signingKeyPem);
  const path = join(dir, INTEGRITY_FILE);
  await writeFile(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  await rename(`${path}.tmp`, path);
  return path;
}

/** A short text for any thrown value. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What {@link verifyReport} found. */
export interface VerifyResult {
  /** True when every check passed: no problems. */
  readonly ok: boolean;
  /** One line per problem found, in the order checked. */
  readonly problems: string[];
  /** True when the manifest carries a signature that verified (and matched the expected key, if one was given). */
  readonly signed: boolean;
  /** The report's verdict, when report.json parsed with the report schema. */
  readonly verdict?: string;
}

/** Options of {@link verifyReport}. */
export interface VerifyOptions {
  /** Ed25519 public key (PEM, SPKI) the report must be signed with; when given, an unsigned report is a problem. */
  readonly publicKeyPem?: string;
}

/**
 * Checks a report directory: every file listed in `integrity.json` still has its recorded SHA-256,
 * the four report files are all listed, the signature (when present) verifies with the embedded key
 * and that key equals `opts.publicKeyPem` when given, and `report.json` parses with the report
 * schema. Missing or malformed files are reported as problems, never thrown.
 */
export async function verifyReport(dir: string, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const problems: string[] = [];
  const manifest = await readManifest(dir, problems);
  let signed = false;
  if (manifest !== undefined) {
    await checkDigests(dir, manifest, problems);
    signed = checkSignature(manifest, opts.publicKeyPem, problems);
  }
  const verdict = await readVerdict(dir, problems);
  return { ok: problems.length === 0, problems, signed, ...(verdict !== undefined ? { verdict } : {}) };
}

async function readManifest(dir: string, problems: string[]): Promise<Integrity | undefined> {
  const text = await readText(join(dir, INTEGRITY_FILE), problems);
  const json = text === undefined ? undefined : parseJson(text, INTEGRITY_FILE, problems);
  if (json === undefined) return undefined;
  const parsed = IntegritySchema.safeParse(json.value);
  if (!parsed.success) {
    problems.push(`${INTEGRITY_FILE} is not a valid integrity manifest: ${parsed.error.issues.map(issueText).join('; ')}`);
    return undefined;
  }
  return parsed.data;
}

async function checkDigests(dir: string, manifest: Integrity, problems: string[]): Promise<void> {
  for (const file of REPORT_FILES) {
    if (!(file in manifest.files)) problems.push(`${file} is not listed in ${INTEGRITY_FILE}`);
  }
  for (const [file, digest] of Object.entries(manifest.files)) {
    if (!/^[\w.-]+$/.test(file) || file === '.' || file === '..' || file === INTEGRITY_FILE) {
      problems.push(`${INTEGRITY_FILE} lists ${JSON.stringify(file)}, which is not a report file name`);
      continue;
    }
    const bytes = await readFile(join(dir, file)).catch(() => undefined);
    if (bytes === undefined) problems.push(`${file} is listed in ${INTEGRITY_FILE} but missing`);
    else if (sha256Hex(bytes) !== digest) problems.push(`${file} does not match its recorded SHA-256: it was changed after the report was written`);
  }
}

function checkSignature(manifest: Integrity, expectedPem: string | undefined, problems: string[]): boolean {
  const signature = manifest.signature;
  if (signature === undefined) {
    if (expectedPem !== undefined) problems.push('the report is not signed, but a public key to check it against was given');
    return false;
  }
  const embedded = publicKeyOrProblem(signature.publicKey, 'the public key in integrity.json', problems);
  if (embedded === undefined) return false;
  if (!verifyEd25519(embedded, manifest, signature.value)) {
    problems.push('the signature in integrity.json does not verify: the digests or the signature were changed');
    return false;
  }
  if (expectedPem === undefined) return true;
  const expected = publicKeyOrProblem(expectedPem, 'the given public key', problems);
  if (expected === undefined) return false;
  if (!spkiBytes(expected).equals(spkiBytes(embedded))) {
    problems.push('the report is signed with a different key than the one given');
    return false;
  }
  return true;
}

function verifyEd25519(key: KeyObject, manifest: Integrity, value: string): boolean {
  try {
    return verify(null, signedPayload(manifest), key, Buffer.from(value, 'base64'));
  } catch {
    return false;
  }
}

function publicKeyOrProblem(pem: string, what: string, problems: string[]): KeyObject | undefined {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return key;
    problems.push(`${what} is not an Ed25519 key`);
  } catch (err) {
    problems.push(`${what} could not be read as a PEM public key: ${errorText(err)}`);
  }
  return undefined;
}

function spkiBytes(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

async function readVerdict(dir: string, problems: string[]): Promise<string | undefined> {
  const text = await readText(join(dir, 'report.json'), problems);
  const json = text === undefined ? undefined : parseJson(text, 'report.json', problems);
  if (json === undefined) return undefined;
  const parsed = ReportSchema.safeParse(json.value);
  if (parsed.success) return parsed.data.verdict;
  const issues = parsed.error.issues;
  const shown = issues.slice(0, 10).map(issueText).join('; ');
  problems.push(`report.json does not match the report schema: ${shown}${issues.length > 10 ? ` (and ${issues.length - 10} more)` : ''}`);
  return undefined;
}

async function readText(path: string, problems: string[]): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.push(code === 'ENOENT' ? `${basename(path)} is missing` : `${basename(path)} could not be read: ${errorText(err)}`);
    return undefined;
  }
}

function parseJson(text: string, file: string, problems: string[]): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    problems.push(`${file} is not valid JSON: ${errorText(err)}`);
    return undefined;
  }
}

function issueText(issue: { path: readonly PropertyKey[]; message: string }): string {
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
