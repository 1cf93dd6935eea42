/**
 * No file the kit writes carries a secret used in the run (key material, the bearer token toward the reference and
 * the SigV4 key and signatures toward the kit). The whole kit runs against the bundled reference
 * behind a loopback proxy that keeps every raw request and response body between them (the kit's own CAKs,
 * CKNs and BGP MD5 passwords, and those the reference returns), while the reference's outbound calls to the
 * kit's peer API are captured before the kit redacts them (the reference's CAKs and CKNs). Every written file
 * is then searched for each secret, raw and JSON-, HTML- and XML-escaped, ignoring case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config/index.js';
import { createReferencePartner, referenceAuthSetup } from '../src/reference/index.js';
import { isSecretKey, scanForSecrets } from '../src/report/index.js';
import { certify } from '../src/runner/run.js';
import { createOutbound } from '../src/server/index.js';

/** Secret values by the field that carried them (cak, ckn, md5BgpPassword, ...). */
type Found = Map<string, Set<string>>;

function collect(found: Found, value: unknown): void {
  if (Array.isArray(value)) { for (const v of value) collect(found, v); return; }
  if (typeof value !== 'object' || value === null) return;
  for (const [k, v] of Object.entries(value)) {
    if (isSecretKey(k) && typeof v === 'string' && v !== '' && !v.startsWith('[redacted')) found.set(k, (found.get(k) ?? new Set()).add(v));
    else collect(found, v);
  }
}

function collectText(found: Found, text: string): void {
  try { collect(found, JSON.parse(text) as unknown); } catch { /* not JSON: nothing structured to collect */ }
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A proxy to `origin` that records every request and response body it passes on. */
async function recordingProxy(origin: string, found: Found): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      collectText(found, body.toString('utf8'));
      if (typeof req.headers.authorization === 'string') found.set('authorization', (found.get('authorization') ?? new Set()).add(req.headers.authorization));
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
      const answer = await fetch(`${origin}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body.length > 0 ? { body } : {}) });
      const text = await answer.text();
      collectText(found, text);
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    })().catch(() => { res.writeHead(502); res.end(); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('no file the run writes contains a CAK, CKN, BGP MD5 password, token or signature used in the run, raw or escaped', async () => {
  const fromKit: Found = new Map();
  const fromReference: Found = new Map();
  const send = createOutbound();
  const auth = referenceAuthSetup();
  const reference = await createReferencePartner({
    apiAuth: auth.api, peerAuth: auth.peer,
    outbound: async (req) => {
      collect(fromReference, req.body);
      const signature = req.headers?.['authorization'];
      if (signature !== undefined) fromReference.set('authorization', (fromReference.get('authorization') ?? new Set()).add(signature));
      return send(req);
    },
  });
  const origin = new URL(reference.baseUrl).origin;
  const proxy = await recordingProxy(origin, fromKit);
  const dir = mkdtempSync(join(tmpdir(), 'ictk-secrets-'));
  try {
    const config = parseConfig({
      candidate: { baseUrl: `${proxy.url}/cc/v1`, providerId: reference.providerId, hooksUrl: `${proxy.url}/ctk-hooks`, accountId: reference.accountId, auth: auth.candidateAuth },
      kit: { peerAuth: auth.peerAuth },
      timeouts: { settleSeconds: 3 },
      reportDir: dir,
    });
    const { report } = await certify({ config, env: { ...process.env, ...auth.env }, tags: null, target: { reference: true, fault: null } });
    assert.equal(report.verdict, 'CERTIFIED', 'the run must exercise every scenario, so it must certify the clean reference');
  } finally {
    await reference.close();
    await new Promise<void>((resolve) => { proxy.server.close(() => resolve()); proxy.server.closeAllConnections(); });
  }
  const secrets = new Map<string, string>();
  for (const [who, found] of [['kit', fromKit], ['reference', fromReference]] as const) {
    for (const [field, values] of found) for (const v of values) secrets.set(v, `${field} sent by or to the ${who}`);
  }
  for (const [name, value] of Object.entries(auth.env)) secrets.set(value, `credential ${name}`);
  const count = (found: Found, field: string): number => found.get(field)?.size ?? 0;
  assert.ok(count(fromKit, 'authorization') > 0 && count(fromReference, 'authorization') > 0, 'credentials were not used both ways');
  assert.ok(count(fromKit, 'cak') > 0 && count(fromKit, 'ckn') > 0, 'the kit sent no CAK or CKN of its own: the MACsec scenarios did not run');
  assert.ok(count(fromReference, 'cak') > 0 && count(fromReference, 'ckn') > 0, 'the reference sent the kit no CAK or CKN: its rotations did not run');
  assert.ok(count(fromKit, 'md5BgpPassword') > 0, 'no BGP MD5 password was used: the proposal carrying one did not run');
  const files = filesUnder(dir);
  assert.ok(files.length >= 4, `expected the report files in ${dir}`);
  const leaks: string[] = [];
  for (const file of files) {
    for (const s of scanForSecrets(readFileSync(file, 'utf8'), [...secrets.keys()])) leaks.push(`${file}: a ${secrets.get(s) ?? 'secret'}`);
  }
  assert.deepEqual(leaks, [], `secrets written (${secrets.size} searched for)`);
});
