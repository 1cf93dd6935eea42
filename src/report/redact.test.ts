import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { redactSecrets, redactText, scanForSecrets, secretFingerprint } from './redact.js';

const fp = (s: string): string => `[redacted sha256:${createHash('sha256').update(s).digest('hex').slice(0, 8)}]`;

test('redactSecrets hides cak, ckn and md5BgpPassword deep inside arrays and keeps the rest', () => {
  const input = {
    features: [{ bgp: { peers: [{ asn: 65000, md5BgpPassword: 'bgp-secret-1' }] } }],
    keys: [[{ cak: 'A1B2', ckn: 'C3D4', startTime: '2026-01-01T00:00:00Z' }]],
    nextPageToken: 'page-2',
  };
  const out = redactSecrets(input);
  assert.deepEqual(out, {
    features: [{ bgp: { peers: [{ asn: 65000, md5BgpPassword: fp('bgp-secret-1') }] } }],
    keys: [[{ cak: fp('A1B2'), ckn: fp('C3D4'), startTime: '2026-01-01T00:00:00Z' }]],
    nextPageToken: 'page-2',
  });
  assert.equal(input.keys[0]?.[0]?.cak, 'A1B2', 'the input is not modified');
});

test('secret keys match case-insensitively, including HTTP headers and SigV4 credentials', () => {
  const out = redactSecrets({
    headers: { Authorization: 'Bearer t0k', 'X-Amz-Security-Token': 'sess', 'content-type': 'application/json' },
    creds: { AccessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'wJalr', SessionToken: 's', PASSWORD: 'p', Token: 'x' },
  });
  assert.equal(out.headers.Authorization, fp('Bearer t0k'));
  assert.equal(out.headers['X-Amz-Security-Token'], fp('sess'));
  assert.equal(out.headers['content-type'], 'application/json');
  assert.deepEqual(Object.values(out.creds).map((v) => v.startsWith('[redacted sha256:')), [true, true, true, true, true]);
});

test('redaction is stable, idempotent and keeps null secrets', () => {
  const once = redactSecrets({ cak: 'same', other: { cak: 'same' }, ckn: null });
  assert.equal(once.cak, once.other.cak, 'the same secret gives the same fingerprint');
  assert.deepEqual(redactSecrets(once), once);
  assert.equal(once.ckn, null);
  assert.equal(secretFingerprint('same'), fp('same').slice(17, 25));
});

test('non-string secrets are fingerprinted whole and cycles do not hang', () => {
  const cyclic: Record<string, unknown> = { secret: { nested: 'value' } };
  cyclic['self'] = cyclic;
  const out = redactSecrets(cyclic);
  assert.equal(out['secret'], fp('{"nested":"value"}'));
  assert.equal(out['self'], '[circular]');
});

test('scanForSecrets finds secrets in any case and in escaped forms, and ignores empty ones', () => {
  const text = 'cak=ABCDEF0123 and <p>a&amp;b</p> and "q\\"uote"';
  assert.deepEqual(scanForSecrets(text, ['abcdef0123', 'a&b', 'q"uote', '', 'absent']), ['abcdef0123', 'a&b', 'q"uote']);
  assert.deepEqual(scanForSecrets('nothing here', ['secret-value']), []);
});

test('redactText replaces secrets inside free text with their fingerprint', () => {
  const line = "curl -H 'authorization: Bearer abc123' https://x";
  assert.equal(redactText(line, ['abc123', '']), `curl -H 'authorization: Bearer ${fp('abc123')}' https://x`);
});
