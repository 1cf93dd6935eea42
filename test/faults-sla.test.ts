import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import { faultConfig, SLA_FAULTS } from '../src/reference/index.js';
import { faultTable } from './support/fault-table.js';
import { runKitAgainstReference } from './support/kit.js';

faultTable(['CC-SLA-']);

test('the clean reference meets the SLA under the full load and the tight thresholds the SLA faults are caught with', async () => {
  const tight = faultConfig(Object.keys(SLA_FAULTS));
  const run = await runKitAgainstReference([], { tags: '@sla', settleSeconds: 2, loadRequests: 2000, configOverrides: tight });
  assert.deepEqual(run.failed, [], `report in ${run.dir}`);
  const judged = (run.report.requirements ?? []).filter((r) => r.id.startsWith('CC-SLA-') && r.status === 'passed').map((r) => r.id).sort();
  assert.deepEqual(judged, ['CC-SLA-001', 'CC-SLA-002', 'CC-SLA-003', 'CC-SLA-004', 'CC-SLA-005', 'CC-SLA-006'], `report in ${run.dir}`);
});

test('ictk run --fault slow-provisioning brings the tight provisioning threshold along and fails on it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ictk-sla-fault-'));
  const out: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), env: {}, onInterrupt: () => () => undefined, waitForInterrupt: () => Promise.resolve() };
  const code = await main(['run', '--fault', 'slow-provisioning', '--tags', '@CC-SLA-005', '--settle-seconds', '2', '--report-dir', dir], io);
  assert.equal(code, 1, out.join('\n'));
  assert.match(out[0] ?? '', /with fault\(s\) slow-provisioning \(settings: sla\.provisioningSeconds=1\)$/);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { requirements: Array<{ id: string; status: string; evidence?: Array<{ threshold?: number }> }> };
  const r = report.requirements.find((x) => x.id === 'CC-SLA-005');
  assert.equal(r?.status, 'failed');
  assert.equal(r?.evidence?.[0]?.threshold, 1);
});
