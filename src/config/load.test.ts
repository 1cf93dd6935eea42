import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCtkError } from '../errors/index.js';
import { loadConfigFile, parseConfig, readSecret } from './load.js';

const minimal = { candidate: { baseUrl: 'https://staging.example/cc/v1', providerId: 'acme', accountId: 'acme-1' } };

test('a minimal configuration gets the documented defaults', () => {
  const cfg = parseConfig(minimal);
  assert.equal(cfg.kit.providerId, 'aws');
  assert.equal(cfg.kit.peerListen, '127.0.0.1:0');
  assert.deepEqual(cfg.candidate.auth, { type: 'none' });
  assert.equal(cfg.sla.loadRequests, 2000);
  assert.equal(cfg.reportDir, 'reports/latest');
});

test('every bad key is reported at once with its path and a did-you-mean hint', () => {
  try {
    parseConfig({ candidate: { ...minimal.candidate, baseUrl: 'not a url', providrId: 'x' }, sla: { concurency: 3, availability: 'high' } });
    assert.fail('expected an error');
  } catch (err) {
    assert.ok(isCtkError(err));
    assert.equal(err.code, 'CTK_ERR_CONFIG_INVALID');
    const text = err.details.join('\n');
    assert.match(text, /candidate\.baseUrl/);
    assert.match(text, /candidate\.providrId: unknown key \(did you mean candidate\.providerId\?\)/);
    assert.match(text, /sla\.concurency: unknown key \(did you mean sla\.concurrency\?\)/);
    assert.match(text, /sla\.availability/);
  }
});

test('auth type sigv4 requires the names of its environment variables, not secrets', () => {
  assert.throws(() => parseConfig({ candidate: { ...minimal.candidate, auth: { type: 'sigv4', region: 'us-east-1', service: 'cc' } } }),
    (err: unknown) => isCtkError(err) && err.details.some((d) => d.startsWith('candidate.auth.accessKeyIdEnv')));
});

test('YAML and JSON files load; unreadable or unparsable files give a coded one-line error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ictk-cfg-'));
  writeFileSync(join(dir, 'a.yaml'), 'candidate:\n  baseUrl: http://127.0.0.1:9/cc\n  providerId: acme\n  accountId: a1\n');
  writeFileSync(join(dir, 'b.json'), JSON.stringify(minimal));
  writeFileSync(join(dir, 'bad.yaml'), 'candidate: [unclosed');
  assert.equal(loadConfigFile(join(dir, 'a.yaml')).candidate.providerId, 'acme');
  assert.equal(loadConfigFile(join(dir, 'b.json')).candidate.accountId, 'acme-1');
  assert.throws(() => loadConfigFile(join(dir, 'bad.yaml')), (e: unknown) => isCtkError(e) && e.code === 'CTK_ERR_CONFIG_READ');
  assert.throws(() => loadConfigFile(join(dir, 'missing.yaml')), (e: unknown) => isCtkError(e) && e.code === 'CTK_ERR_CONFIG_READ' && /ENOENT/.test(e.message));
});

test('a secret named in the configuration must be set in the environment', () => {
  assert.equal(readSecret('TOKEN', { TOKEN: 's3cret' }, 'bearer token'), 's3cret');
  assert.throws(() => readSecret('TOKEN', {}, 'bearer token'), (e: unknown) => isCtkError(e) && e.code === 'CTK_ERR_SECRET_MISSING' && !/s3cret/.test(e.message));
});
