/**
 * The kit's activation-key codec (spec-defects D36): base64 (RFC 4648 section 4, padded) of UTF-8 JSON
 * with the camelCase ActivationKey fields. Decoding is tolerant (url-safe alphabet, missing padding)
 * and reports which variant it saw; it never throws.
 */
import { ACTIVATION_KEY_FIELDS, type ActivationKey, type ActivationKeyField } from './model.js';

/** How an encoded key was written: alphabet and padding, plus notes on the JSON inside. */
export interface KeyInterpretation {
  /** `standard` (`+/`) or `url-safe` (`-_`); keys using neither special character count as standard. */
  readonly alphabet: 'standard' | 'url-safe';
  /** Whether the text carried `=` padding (or needed none). */
  readonly padded: boolean;
  /** Fields present besides the five ActivationKey fields. */
  readonly extraFields: readonly string[];
  /** Other observations worth reporting (e.g. version written as text). */
  readonly notes: readonly string[];
}

/** The stage at which decoding stopped. */
export type DecodeStage = 'empty' | 'base64' | 'utf8' | 'json' | 'fields';

/** Result of decoding an activation key. */
export type DecodeResult =
  | { readonly ok: true; readonly key: ActivationKey; readonly interpretation: KeyInterpretation }
  | { readonly ok: false; readonly stage: DecodeStage; readonly problem: string };

/** Result of tampering with a key. */
export type TamperResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

/** Encodes a key the kit's way: standard padded base64 of compact JSON in canonical field order. */
export function encodeActivationKey(key: ActivationKey): string {
  const ordered: Record<string, unknown> = {};
  for (const field of ACTIVATION_KEY_FIELDS) ordered[field] = key[field];
  return Buffer.from(JSON.stringify(ordered), 'utf8').toString('base64');
}

interface Base64Reading {
  readonly bytes: Buffer;
  readonly alphabet: 'standard' | 'url-safe';
  readonly padded: boolean;
}

function readBase64(text: string): Base64Reading | string {
  const body = text.replace(/=+$/, '');
  const padding = text.length - body.length;
  if (!/^[A-Za-z0-9+/_-]*$/.test(body)) return 'contains characters outside the base64 alphabets';
  const standard = /[+/]/.test(body);
  const urlSafe = /[-_]/.test(body);
  if (standard && urlSafe) return 'mixes the standard and url-safe base64 alphabets';
  if (padding > 2 || body.length % 4 === 1) return 'has an impossible base64 length or padding';
  if (padding > 0 && text.length % 4 !== 0) return 'has misplaced base64 padding';
  const alphabet = urlSafe ? 'url-safe' : 'standard';
  const bytes = Buffer.from(body, alphabet === 'url-safe' ? 'base64url' : 'base64');
  return { bytes, alphabet, padded: padding > 0 || body.length % 4 === 0 };
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function readFields(obj: Record<string, unknown>, notes: string[]): ActivationKey | string {
  const missing = ACTIVATION_KEY_FIELDS.filter((f) => !(f in obj));
  if (missing.length > 0) return `missing field(s): ${missing.join(', ')}`;
  let version = obj['version'];
  if (typeof version === 'string' && /^v?\d+$/.test(version)) {
    notes.push(`version written as text "${version}" (D11)`);
    version = Number(version.replace(/^v/, ''));
  }
  const { destinationEnvironmentUri: uri, sharedConnectionUuid: uuid, connectionSizeMbps: size, destinationAccountId: account } = obj;
  if (!isInt(version)) return 'version is not an integer';
  if (typeof uri !== 'string' || uri.length === 0) return 'destinationEnvironmentUri is not a non-empty string';
  if (typeof uuid !== 'string' || uuid.length === 0) return 'sharedConnectionUuid is not a non-empty string';
  if (!isInt(size)) return 'connectionSizeMbps is not an integer';
  if (typeof account !== 'string') return 'destinationAccountId is not a string';
  return { version, destinationEnvironmentUri: uri, sharedConnectionUuid: uuid, connectionSizeMbps: size, destinationAccountId: account };
}

function parseJsonObject(bytes: Buffer): Record<string, unknown> | { stage: DecodeStage; problem: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { stage: 'utf8', problem: 'the decoded bytes are not UTF-8 text' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { stage: 'json', problem: 'the decoded text is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { stage: 'json', problem: 'the decoded JSON is not an object' };
  }
  return value as Record<string, unknown>;
}

function isProblem(value: unknown): value is { stage: DecodeStage; problem: string } {
  return typeof value === 'object' && value !== null && 'stage' in value && 'problem' in value;
}

interface DecodedObject {
  readonly obj: Record<string, unknown>;
  readonly reading: Base64Reading;
}

function decodeObject(text: string): DecodedObject | { stage: DecodeStage; problem: string } {
  if (typeof text !== 'string' || text.trim().length === 0) return { stage: 'empty', problem: 'the key is empty' };
  const reading = readBase64(text);
  if (typeof reading === 'string') return { stage: 'base64', problem: `the key ${reading}` };
  const obj = parseJsonObject(reading.bytes);
  if (isProblem(obj)) return obj;
  return { obj, reading };
}

/** Decodes an activation key, tolerating url-safe base64 and missing padding; reports what it saw. */
export function decodeActivationKey(text: string): DecodeResult {
  const decoded = decodeObject(text);
  if (isProblem(decoded)) return { ok: false, ...decoded };
  const notes: string[] = [];
  const key = readFields(decoded.obj, notes);
  if (typeof key === 'string') return { ok: false, stage: 'fields', problem: key };
  const known: readonly string[] = ACTIVATION_KEY_FIELDS;
  const extraFields = Object.keys(decoded.obj).filter((k) => !known.includes(k));
  const interpretation = { alphabet: decoded.reading.alphabet, padded: decoded.reading.padded, extraFields, notes };
  return { ok: true, key, interpretation };
}

function alteredValue(field: ActivationKeyField, value: unknown): unknown {
  switch (field) {
    case 'version':
      return (typeof value === 'number' ? value : 1) + 1;
    case 'connectionSizeMbps':
      return (typeof value === 'number' ? value : 0) * 2 + 1;
    case 'sharedConnectionUuid': {
      const text = String(value);
      const last = text.slice(-1);
      return text.slice(0, -1) + (last === '0' ? '1' : '0');
    }
    case 'destinationEnvironmentUri':
      return `${String(value)}-tampered`;
    case 'destinationAccountId':
      return `${String(value)}9`;
  }
}

function reencode(json: string, reading: Base64Reading): string {
  const bytes = Buffer.from(json, 'utf8');
  let out = bytes.toString(reading.alphabet === 'url-safe' ? 'base64url' : 'base64');
  if (!reading.padded) out = out.replace(/=+$/, '');
  else if (reading.alphabet === 'url-safe') out = out.padEnd(Math.ceil(out.length / 4) * 4, '=');
  return out;
}

/**
 * Returns the key with one field altered and re-encoded in the same base64 variant, keeping every
 * other field (and the field order) as it was. Fails only when the key cannot be decoded to a JSON object.
 */
export function tamperActivationKey(text: string, field: ActivationKeyField): TamperResult {
  const decoded = decodeObject(text);
  if (isProblem(decoded)) return { ok: false, problem: decoded.problem };
  const altered = { ...decoded.obj, [field]: alteredValue(field, decoded.obj[field]) };
  return { ok: true, text: reencode(JSON.stringify(altered), decoded.reading) };
}

/** The environment id in a destinationEnvironmentUri: its last non-empty path segment (D36). */
export function environmentIdOf(uri: string): string {
  const segments = uri.split('/').filter((s) => s.length > 0);
  return segments[segments.length - 1] ?? '';
}

/** The codec as one object, for callers that prefer `activationKeyCodec.decode(text)`. */
export const activationKeyCodec = {
  encode: encodeActivationKey,
  decode: decodeActivationKey,
  tamper: tamperActivationKey,
  environmentIdOf,
} as const;
