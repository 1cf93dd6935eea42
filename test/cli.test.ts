import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import { createReferencePartner } from '../src/reference/index.js';
import type { Io } from '../src/cli/io.js';

interface Captured { io: Io; out: string[]; err: string[] }

function capture(env: NodeJS.ProcessEnv = {}): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out, err,
    io: { out: (l) => out.push(l), err: (l) => err.push(l), env, onInterrupt: () => () => undefined, waitForInterrupt: () => Promise.resolve() },
  };
}

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}`, server };
}

function close(s: Server): Promise<void> {
  s.closeAllConnections();
  return new Promise((r) => s.close(() => r()));
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'ictk-cli-'));

function assertOneLineUserError(c: Captured, code: string): void {
  const text = c.err.join('\n');
  assert.match(text, new RegExp(`^ictk: ${code}: `), text);
  assert.doesNotMatch(text, /\n\s+at /, 'no stack trace');
}

test('--version and --help exit 0', async () => {
  const v = capture();
  assert.equal(await main(['--version'], v.io), 0);
  assert.match(v.out.join(''), /^\d+\.\d+\.\d+$/);
  const h = capture();
  assert.equal(await main(['run', '--help'], h.io), 0);
  assert.match(h.out.join('\n'), /--tags <expression>/);
});

test('a configuration with bad keys exits 2 naming every bad key path, with no stack trace', async () => {
  const dir = tmp();
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'candidate:\n  baseUrl: not-a-url\n  providerId: acme\n  acountId: x\nsla:\n  concurrency: zero\n');
  const c = capture();
  assert.equal(await main(['run', '--config', file], c.io), 2);
  assertOneLineUserError(c, 'CTK_ERR_CONFIG_INVALID');
  const text = c.err.join('\n');
  assert.match(text, /candidate\.baseUrl/);
  assert.match(text, /candidate\.acountId: unknown key \(did you mean candidate\.accountId\?\)/);
  assert.match(text, /sla\.concurrency/);
});

test('a missing configuration file and a missing secret are one-line errors', async () => {
  const c = capture();
  assert.equal(await main(['run', '--config', '/nonexistent/ictk.yaml'], c.io), 2);
  assertOneLineUserError(c, 'CTK_ERR_CONFIG_READ');
  const dir = tmp();
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ candidate: { baseUrl: 'http://127.0.0.1:9/cc', providerId: 'acme', accountId: 'a', auth: { type: 'bearer', tokenEnv: 'ICTK_TEST_TOKEN' } } }));
  const s = capture({});
  assert.equal(await main(['run', '--config', file], s.io), 2);
  assertOneLineUserError(s, 'CTK_ERR_SECRET_MISSING');
});

test('a candidate whose calls to the kit carry the wrong credentials fails the preflight with CTK_ERR_PEER_AUTH, not a conformance failure', async () => {
  const reference = await createReferencePartner({ peerAuth: { type: 'bearer', token: 'what-the-staging-was-given' } });
  try {
    const file = join(tmp(), 'c.json');
    writeFileSync(file, JSON.stringify({
      candidate: { baseUrl: reference.baseUrl, providerId: reference.providerId, hooksUrl: reference.hooksUrl, accountId: reference.accountId },
      kit: { peerAuth: { type: 'bearer', tokenEnv: 'ICTK_TEST_PEER_TOKEN' } },
    }));
    const c = capture({ ICTK_TEST_PEER_TOKEN: 'what-the-kit-expects' });
    assert.equal(await main(['doctor', '--config', file], c.io), 2);
    assertOneLineUserError(c, 'CTK_ERR_PEER_AUTH');
    assert.match(c.err.join('\n'), /GetProvider: 403 wrong-token/);
    assert.ok(!c.err.join('\n').includes('what-the-'), 'no token is printed');
  } finally {
    await reference.close();
  }
});

test('an unreachable target exits 2 with the URL and what to check', async () => {
  const c = capture();
  assert.equal(await main(['run', '--target', 'http://127.0.0.1:1/cc/v1', '--provider-id', 'acme', '--report-dir', tmp()], c.io), 2);
  assertOneLineUserError(c, 'CTK_ERR_TARGET_UNREACHABLE');
  assert.match(c.err.join('\n'), /127\.0\.0\.1:1/);
});

test('a target that answers HTML instead of the API exits 2 saying the base URL is wrong', async () => {
  const { url, server } = await serve((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>welcome</html>'); });
  try {
    const c = capture();
    assert.equal(await main(['run', '--target', url, '--provider-id', 'acme', '--report-dir', tmp()], c.io), 2);
    assertOneLineUserError(c, 'CTK_ERR_TARGET_NOT_CC');
  } finally { await close(server); }
});

test('a target that answers empty JSON to everything fails the preflight with the list of what is missing', async () => {
  const { url, server } = await serve((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{}'); });
  try {
    const c = capture();
    assert.equal(await main(['run', '--target', url, '--provider-id', 'acme', '--report-dir', tmp()], c.io), 2);
    assertOneLineUserError(c, 'CTK_ERR_PREFLIGHT');
    assert.match(c.err.join('\n'), /static resources: no environment/);
  } finally { await close(server); }
});

test('a target that never answers does not hang the kit: the request timeout turns it into an unreachable target', async () => {
  const { url, server } = await serve(() => { /* never answers */ });
  try {
    const dir = tmp();
    const file = join(dir, 'c.yaml');
    writeFileSync(file, `candidate:\n  baseUrl: ${url}\n  providerId: acme\n  accountId: a\ntimeouts:\n  requestMs: 300\nreportDir: ${dir}/r\n`);
    const c = capture();
    assert.equal(await main(['run', '--config', file], c.io), 2);
    assertOneLineUserError(c, 'CTK_ERR_TARGET_UNREACHABLE');
  } finally { await close(server); }
});

test('an unknown reference fault and a bad tag expression are usage errors', async () => {
  const f = capture();
  assert.equal(await main(['run', '--fault', 'no-such-fault'], f.io), 2);
  assertOneLineUserError(f, 'CTK_ERR_FAULT_UNKNOWN');
  const t = capture();
  assert.equal(await main(['run', '--tags', '@schema and (', '--report-dir', tmp()], t.io), 2);
  assertOneLineUserError(t, 'CTK_ERR_TAGS_INVALID');
});

test('serve-reference credential flags name the variable that is missing or the form they expect', async () => {
  const missing = capture();
  assert.equal(await main(['serve-reference', '--api-token-env', 'CTK_NOT_SET_ANYWHERE'], missing.io), 2);
  assertOneLineUserError(missing, 'CTK_ERR_SECRET_MISSING');
  assert.match(missing.err.join('\n'), /CTK_NOT_SET_ANYWHERE \(--api-token-env\)/);
  const bad = capture({ ID: 'x', SECRET: 'y' });
  assert.equal(await main(['serve-reference', '--peer-sigv4-env', 'ID'], bad.io), 2);
  assertOneLineUserError(bad, 'CTK_ERR_USAGE');
  const both = capture({ T: 't', ID: 'x', SECRET: 'y' });
  assert.equal(await main(['serve-reference', '--peer-token-env', 'T', '--peer-sigv4-env', 'ID,SECRET'], both.io), 2);
  assertOneLineUserError(both, 'CTK_ERR_USAGE');
  const served = capture({ T: 'token', ID: 'AKIAX', SECRET: 'secret' });
  assert.equal(await main(['serve-reference', '--api-token-env', 'T', '--peer-sigv4-env', 'ID,SECRET'], served.io), 0);
  assert.match(served.out.join('\n'), /requires on its API: a bearer token; presents to its peer: SigV4 signatures/);
  assert.ok(!served.out.join('\n').includes('secret') && !served.out.join('\n').includes('token\n'), 'no secret is printed');
});

test('serve-reference --list-faults names every fault with the requirements it breaks', async () => {
  const c = capture();
  assert.equal(await main(['serve-reference', '--list-faults'], c.io), 0);
  assert.match(c.out.join('\n'), /confirm-reused\s+breaks CC-AK-003/);
});

test('validate-spec accepts the kit\'s own encoding', async () => {
  const c = capture();
  assert.equal(await main(['validate-spec'], c.io), 0);
  assert.match(c.out.join('\n'), /valid OpenAPI 3\.0/);
});

test('a run selected by tags certifies nothing it did not judge, and verify then detects an edited report', async () => {
  const dir = tmp();
  const c = capture();
  const code = await main(['run', '--tags', '@schema', '--report-dir', dir, '--quiet'], c.io);
  assert.equal(code, 1, c.out.join('\n'));
  assert.match(c.out.join('\n'), /NOT_CERTIFIED.*could not be judged/);
  const ok = capture();
  assert.equal(await main(['verify', dir], ok.io), 0);
  writeFileSync(join(dir, 'report.md'), '# edited\n', { flag: 'a' });
  const bad = capture();
  assert.equal(await main(['verify', dir], bad.io), 1);
  assert.match(bad.err.join('\n'), /CTK_ERR_REPORT_TAMPERED/);
});
