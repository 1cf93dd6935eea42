import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeActivationKey, encodeActivationKey, environmentIdOf, tamperActivationKey } from './activation-key.js';
import { ACTIVATION_KEY_FIELDS, type ActivationKey } from './model.js';

const key: ActivationKey = {
  version: 1,
  destinationEnvironmentUri: 'providers/aws/environments/aws-ref-us-east',
  sharedConnectionUuid: '6f1c3a52-8a4e-4c1e-9a53-0d7f2b8e9c10',
  connectionSizeMbps: 1000,
  destinationAccountId: '111122223333',
};

test('encode produces padded standard base64 of camelCase JSON that decodes back to the same key', () => {
  const text = encodeActivationKey(key);
  assert.match(text, /^[A-Za-z0-9+/]+={0,2}$/);
  assert.equal(text.length % 4, 0);
  assert.deepEqual(JSON.parse(Buffer.from(text, 'base64').toString('utf8')), key);
  const decoded = decodeActivationKey(text);
  assert.ok(decoded.ok);
  assert.deepEqual(decoded.key, key);
  assert.equal(decoded.interpretation.alphabet, 'standard');
  assert.equal(decoded.interpretation.padded, true);
});

test('decode tolerates url-safe base64 without padding and says so', () => {
  const json = JSON.stringify({ ...key, destinationAccountId: 'acct??>>' });
  const urlSafe = Buffer.from(json).toString('base64url');
  assert.ok(/[-_]/.test(urlSafe) && urlSafe.length % 4 !== 0, 'fixture must exercise both variants');
  const decoded = decodeActivationKey(urlSafe);
  assert.ok(decoded.ok);
  assert.equal(decoded.interpretation.alphabet, 'url-safe');
  assert.equal(decoded.interpretation.padded, false);
  assert.equal(decoded.key.destinationAccountId, 'acct??>>');
});

test('decode reports the stage at which garbage fails, never throwing', () => {
  const cases: [string, string][] = [
    ['', 'empty'],
    ['not base64 at all!', 'base64'],
    ['abcde', 'base64'],
    [Buffer.from([0xff, 0xfe, 0xfd]).toString('base64'), 'utf8'],
    [Buffer.from('{not json').toString('base64'), 'json'],
    [Buffer.from('[1,2]').toString('base64'), 'json'],
    [Buffer.from(JSON.stringify({ version: 1 })).toString('base64'), 'fields'],
    [Buffer.from(JSON.stringify({ ...key, connectionSizeMbps: '1000' })).toString('base64'), 'fields'],
  ];
  for (const [text, stage] of cases) {
    const decoded = decodeActivationKey(text);
    assert.equal(decoded.ok, false, text);
    assert.equal(!decoded.ok && decoded.stage, stage, text);
  }
});

test('decode notes a textual version and extra fields as interpretation', () => {
  const text = Buffer.from(JSON.stringify({ ...key, version: 'v1', issuedAt: 'now' })).toString('base64');
  const decoded = decodeActivationKey(text);
  assert.ok(decoded.ok);
  assert.equal(decoded.key.version, 1);
  assert.deepEqual(decoded.interpretation.extraFields, ['issuedAt']);
  assert.equal(decoded.interpretation.notes.length, 1);
});

test('tamper changes exactly one field and keeps the rest and the base64 variant', () => {
  const text = encodeActivationKey(key);
  for (const field of ACTIVATION_KEY_FIELDS) {
    const tampered = tamperActivationKey(text, field);
    assert.ok(tampered.ok, field);
    assert.notEqual(tampered.text, text);
    const decoded = decodeActivationKey(tampered.text);
    assert.ok(decoded.ok, field);
    for (const other of ACTIVATION_KEY_FIELDS) {
      if (other === field) assert.notEqual(decoded.key[other], key[other], field);
      else assert.equal(decoded.key[other], key[other], `${field} must leave ${other} alone`);
    }
  }
  const urlSafe = Buffer.from(JSON.stringify(key)).toString('base64url');
  const t = tamperActivationKey(urlSafe, 'destinationAccountId');
  assert.ok(t.ok && !t.text.includes('='));
  assert.equal(tamperActivationKey('%%%', 'version').ok, false);
});

test('environmentIdOf takes the last path segment', () => {
  assert.equal(environmentIdOf('providers/aws/environments/aws-ref-us-east'), 'aws-ref-us-east');
  assert.equal(environmentIdOf('https://x.example/providers/aws/environments/e1/'), 'e1');
  assert.equal(environmentIdOf('e2'), 'e2');
});
