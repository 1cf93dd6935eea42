import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportSchema } from '../src/report/index.js';
import { packageRoot } from '../src/spec/spec-files.js';

const bin = join(packageRoot(), 'bin', 'ictk.js');

test('ictk run --config certifies a separately started server that follows kit-contracts.md, and writes a report that parses', async () => {
  // Credentials both ways, as in production: a bearer token toward the candidate, SigV4 toward the kit.
  const secrets = { OOP_API_TOKEN: `oop-${Date.now()}-token`, OOP_PEER_KEY_ID: 'AKIAOOPTEST', OOP_PEER_SECRET: `oop-secret-${Date.now()}` };
  const env = { ...process.env, ...secrets };
  const server = spawn(process.execPath, [bin, 'serve-reference', '--port', '0', '--api-token-env', 'OOP_API_TOKEN', '--peer-sigv4-env', 'OOP_PEER_KEY_ID,OOP_PEER_SECRET'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  try {
    const urls = await new Promise<{ api: string; hooks: string; account: string }>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`serve-reference printed no URLs: ${out}`)), 15000);
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const api = /API:\s+(\S+)/.exec(out)?.[1];
        const hooks = /hooks:\s+(\S+)/.exec(out)?.[1];
        const account = /customer account:\s+(\S+)/.exec(out)?.[1];
        if (api !== undefined && hooks !== undefined && account !== undefined) { clearTimeout(timer); resolve({ api, hooks, account }); }
      });
    });
    const dir = mkdtempSync(join(tmpdir(), 'ictk-oop-'));
    const config = join(dir, 'staging.yaml');
    writeFileSync(config, [
      'candidate:', `  baseUrl: ${urls.api}`, '  providerId: refcloud', `  hooksUrl: ${urls.hooks}`, `  accountId: ${urls.account}`,
      '  auth: { type: bearer, tokenEnv: OOP_API_TOKEN }',
      'kit:', '  peerAuth: { type: sigv4, region: us-east-1, service: interconnect, accessKeyIdEnv: OOP_PEER_KEY_ID, secretAccessKeyEnv: OOP_PEER_SECRET }',
      'timeouts:', '  settleSeconds: 3', '  quietMs: 400', 'sla:', '  loadRequests: 200', `reportDir: ${join(dir, 'report')}`, '',
    ].join('\n'));
    const run = spawn(process.execPath, [bin, 'run', '--config', config, '--tags', '@activation-key or @negotiation or @security', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    run.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    run.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const code = await new Promise<number | null>((resolve) => run.on('close', resolve));
    assert.equal(code, 1, out);
    assert.match(out, /Verdict: NOT_CERTIFIED \(\d+ MUST requirement\(s\) could not be judged: .*not selected by --tags/);
    const report = ReportSchema.parse(JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8')));
    assert.equal(report.summary.failed, 0);
    assert.ok(report.requirements.filter((r) => r.category === 'negotiation' && r.status === 'passed').length >= 30, 'the negotiation scenarios ran in both roles with no person in the loop');
    const status = (id: string): string | undefined => report.requirements.find((r) => r.id === id)?.status;
    assert.deepEqual(['CC-SEC-003', 'CC-SEC-004', 'CC-SEC-005', 'CC-SEC-006'].map(status), ['passed', 'passed', 'passed', 'passed'], 'authentication was judged both ways');
    const written = readFileSync(join(dir, 'report', 'report.json'), 'utf8') + readFileSync(join(dir, 'report', 'report.md'), 'utf8');
    for (const secret of Object.values(secrets)) assert.ok(!written.includes(secret), 'no credential reaches the report');
  } finally {
    server.kill('SIGINT');
  }
});

test('an interrupted run exits 130 and still writes its report, with verdict INCOMPLETE', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ictk-int-'));
  const run = spawn(process.execPath, [bin, 'run', '--report-dir', dir, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  run.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  run.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  setTimeout(() => run.kill('SIGINT'), 3000);
  const code = await new Promise<number | null>((resolve) => run.on('close', resolve));
  assert.equal(code, 130, out);
  const report = ReportSchema.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
  assert.equal(report.verdict, 'INCOMPLETE');
});
