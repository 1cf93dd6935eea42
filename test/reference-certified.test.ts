import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ReportSchema, verifyReport } from '../src/report/index.js';
import { runKitAgainstReference, type KitRun } from './support/kit.js';

let clean: KitRun | undefined;
async function cleanRun(): Promise<KitRun> {
  clean ??= await runKitAgainstReference([]);
  return clean;
}

test('the clean reference partner is CERTIFIED and every requirement it judges passes', async () => {
  const run = await cleanRun();
  assert.equal(run.report.verdict, 'CERTIFIED', run.report.verdictReason);
  assert.deepEqual(run.failed, []);
  assert.equal(run.report.summary.mustSkipped, 0);
});

test('the run writes report.json (parsing with the exported schema), report.html, junit.xml, report.md and an intact integrity manifest', async () => {
  const run = await cleanRun();
  const files = readdirSync(run.dir).sort();
  assert.deepEqual(files, ['integrity.json', 'junit.xml', 'report.html', 'report.json', 'report.md']);
  const parsed = ReportSchema.safeParse(JSON.parse(readFileSync(join(run.dir, 'report.json'), 'utf8')));
  assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3)));
  const v = await verifyReport(run.dir);
  assert.ok(v.ok, v.problems.join('; '));
});

test('no report file carries a secret in clear: MD5 passwords, CAKs, CKNs and tokens appear only as fingerprints', async () => {
  const run = await cleanRun();
  for (const f of readdirSync(run.dir)) {
    const text = readFileSync(join(run.dir, f), 'utf8');
    const leaks = [...text.matchAll(/(?:&quot;|&#34;|")(md5BgpPassword|cak|ckn|authorization|secretAccessKey)(?:&quot;|&#34;|")\s*:\s*(?:&quot;|&#34;|")([^"&]{4,})/gi)]
      .map((m) => m[0]).filter((m) => !/redacted/.test(m));
    assert.deepEqual(leaks, [], `${f} leaks secrets`);
  }
});

test('every requirement of the report traces to the catalog and an upstream source', async () => {
  const run = await cleanRun();
  for (const r of run.report.requirements ?? []) {
    assert.match(r.id, /^CC-[A-Z]{2,3}-\d{3}$/);
    assert.ok(r.source.length > 3, `${r.id} has no source`);
    if (r.status === 'skipped' || r.status === 'not-applicable') assert.ok((r.reason ?? '').length > 0, `${r.id} is ${r.status} without a reason`);
  }
});
