import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type SecureVersion, type TLSSocket } from 'node:tls';
import { atLeastTls13, decideTransport, isLoopbackHost, LOOPBACK_NOT_ASSESSED, needsProbe, probeTls, transportTable } from './tls-probe.js';

const NO_TLS = { caFile: null, certFile: null, keyFile: null } as const;

/** A throwaway certificate for localhost and 127.0.0.1 made with the openssl binary, or null without one. */
function throwawayCert(dir: string, name: string): { cert: string; key: string } | null {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert,
      '-days', '1', '-subj', `/CN=${name}`, '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    return { cert, key };
  } catch {
    return null;
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

async function withTlsServer(t: TestContext, maxVersion: SecureVersion, run: (port: number, files: { cert: string; key: string; client: { cert: string; key: string } }, seen: string[]) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ctk-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const server = throwawayCert(dir, 'server');
  const client = throwawayCert(dir, 'client');
  if (server === null || client === null) {
    t.skip('the openssl binary is not available to make a throwaway certificate; the https probe is not tested');
    return;
  }
  const seen: string[] = [];
  const tls = createTlsServer({ cert: readFileSync(server.cert), key: readFileSync(server.key), ca: readFileSync(client.cert), requestCert: true, rejectUnauthorized: false, maxVersion, ALPNProtocols: ['http/1.1'] }, (s: TLSSocket) => { seen.push(String(s.getPeerCertificate().subject?.CN ?? '(no client certificate)')); s.end(); });
  const port = await listen(tls);
  try {
    await run(port, { ...server, client }, seen);
  } finally {
    await close(tls);
  }
}

test('an https server limited to TLS 1.2 is seen as TLSv1.2 and fails the rule', async (t) => {
  await withTlsServer(t, 'TLSv1.2', async (port, files) => {
    const probe = await probeTls(`https://127.0.0.1:${port}/cc/v1`, { caFile: files.cert, certFile: null, keyFile: null }, 3000);
    assert.equal(probe.ok, true);
    if (!probe.ok) return;
    assert.equal(probe.protocol, 'TLSv1.2');
    assert.equal(probe.authorized, true);
    assert.ok(probe.cipher !== null && probe.cipher.length > 0);
    const d = decideTransport(`https://127.0.0.1:${port}/cc/v1`, probe);
    assert.equal(d.outcome, 'fail');
    assert.match(d.summary, /TLSv1\.2 .*below TLS 1\.3/);
  });
});

test('an https server offering TLS 1.3 passes, with the cipher, ALPN and the mTLS client certificate presented', async (t) => {
  await withTlsServer(t, 'TLSv1.3', async (port, files, seen) => {
    const probe = await probeTls(`https://localhost:${port}/`, { caFile: files.cert, certFile: files.client.cert, keyFile: files.client.key }, 3000);
    assert.equal(probe.ok, true);
    if (!probe.ok) return;
    assert.equal(probe.protocol, 'TLSv1.3');
    assert.match(probe.cipher ?? '', /^TLS_/);
    assert.equal(probe.alpn, 'http/1.1');
    assert.equal(probe.authorized, true);
    assert.equal(decideTransport(`https://localhost:${port}/`, probe).outcome, 'pass');
    for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(seen, ['client']);
  });
});

test('a certificate the configured CAs do not vouch for is recorded, not fatal', async (t) => {
  await withTlsServer(t, 'TLSv1.3', async (port) => {
    const probe = await probeTls(`https://127.0.0.1:${port}`, NO_TLS, 3000);
    assert.equal(probe.ok, true);
    if (!probe.ok) return;
    assert.equal(probe.authorized, false);
    assert.match(probe.authorizationError ?? '', /SELF_SIGNED|UNABLE|CERT/);
  });
});

test('a server that never completes a handshake gives a timeout problem', async () => {
  const held: Socket[] = [];
  const silent = createTcpServer((s) => { held.push(s); });
  const port = await listen(silent);
  try {
    const probe = await probeTls(`https://127.0.0.1:${port}`, NO_TLS, 200);
    assert.deepEqual(probe, { ok: false, problem: `no TLS handshake with 127.0.0.1:${port} within 200 ms` });
  } finally {
    for (const s of held) s.destroy();
    await close(silent);
  }
});

test('a refused connection, an unreadable CA file or a plain http URL is a problem, never a throw', async () => {
  const free = createTcpServer();
  const port = await listen(free);
  await close(free);
  const refused = await probeTls(`https://127.0.0.1:${port}`, NO_TLS, 2000);
  assert.equal(refused.ok, false);
  assert.match(refused.ok ? '' : refused.problem, /ECONNREFUSED/);
  const missing = await probeTls('https://127.0.0.1:1', { caFile: '/nonexistent/ca.pem', certFile: null, keyFile: null });
  assert.deepEqual(missing, { ok: false, problem: 'cannot read candidate.tls.caFile (ENOENT): /nonexistent/ca.pem' });
  assert.equal((await probeTls('http://127.0.0.1:1', NO_TLS)).ok, false);
});

test('loopback hosts are localhost, 127.0.0.0/8 and ::1 in every spelling', () => {
  for (const h of ['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]', '::ffff:127.0.0.1']) assert.equal(isLoopbackHost(h), true, h);
  for (const h of ['10.0.0.1', '128.0.0.1', '::2', 'localhost.example.com', 'example.com', '0.0.0.0', '']) assert.equal(isLoopbackHost(h), false, h);
});

test('TLS 1.3 and anything newer meet the rule, older versions and unknown names do not', () => {
  assert.deepEqual(['TLSv1.3', 'TLSv1.4', 'TLSv2'].map(atLeastTls13), [true, true, true]);
  assert.deepEqual(['TLSv1.2', 'TLSv1.1', 'TLSv1', 'SSLv3', null, 'unknown'].map(atLeastTls13), [false, false, false, false, false, false]);
});

test('plain http on loopback is not applicable with the plain reason; elsewhere it fails', () => {
  for (const url of ['http://127.0.0.1:8080/cc/v1', 'http://localhost:1/', 'http://[::1]:9/x']) {
    assert.deepEqual(decideTransport(url, null), { outcome: 'na', summary: LOOPBACK_NOT_ASSESSED }, url);
    assert.equal(needsProbe(url), false);
  }
  assert.equal(LOOPBACK_NOT_ASSESSED, 'transport security was not assessed: the target is plain http on loopback');
  const remote = decideTransport('http://staging.partner.example/cc/v1', null);
  assert.equal(remote.outcome, 'fail');
  assert.match(remote.summary, /plain http/);
  assert.equal(decideTransport('http://10.1.2.3/', null).outcome, 'fail');
});

test('an https target without a handshake is not measured rather than passed', () => {
  assert.equal(needsProbe('https://partner.example/cc/v1'), true);
  assert.equal(decideTransport('https://partner.example/cc/v1', null).outcome, 'skip');
  const d = decideTransport('https://partner.example/cc/v1', { ok: false, problem: 'TLS handshake with partner.example failed: ECONNRESET' });
  assert.deepEqual(d, { outcome: 'skip', summary: 'the kit could not measure the TLS version: TLS handshake with partner.example failed: ECONNRESET' });
});

test('the transport table names what was negotiated and never the certificate paths', () => {
  const tls = { caFile: '/secret/ca.pem', certFile: '/secret/client.crt', keyFile: '/secret/client.key' };
  const t = transportTable('https://partner.example:8443/cc/v1', tls, { ok: true, protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', alpn: 'http/1.1', authorized: true, authorizationError: null });
  assert.deepEqual(t.rows.find((r) => r[0] === 'protocol'), ['protocol', 'TLSv1.3']);
  assert.deepEqual(t.rows.find((r) => r[0] === 'mTLS client certificate'), ['mTLS client certificate', 'presented']);
  assert.equal(JSON.stringify(t).includes('/secret/'), false);
  const plain = transportTable('http://127.0.0.1:9/cc', NO_TLS, null);
  assert.deepEqual(plain.rows.find((r) => r[0] === 'loopback host'), ['loopback host', 'yes']);
  assert.deepEqual(plain.rows.at(-1), ['handshake', 'not attempted (plain http)']);
});
