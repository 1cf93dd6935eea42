import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleReport } from './fixture.test-support.js';
import { renderMarkdown } from './markdown.js';

test('the headline gives the verdict and its reason, then the summary counts', () => {
  const md = renderMarkdown(sampleReport());
  assert.ok(md.startsWith('# interconnect-ctk certification report\n'));
  assert.match(md, /\*\*Verdict: NOT CERTIFIED\*\* — 2 MUST requirements failed/);
  assert.match(md, /\| 4 \| 3 \| 3 \| 1 \| 2 \| 3 \| 1 \|/);
});

test('the failure section comes before the category tables, with everything to reproduce', () => {
  const md = renderMarkdown(sampleReport());
  const failures = md.indexOf('## Failures (3)');
  const categories = md.indexOf('## Requirements by category');
  assert.ok(failures > 0 && failures < categories, 'failures first');
  const section = md.slice(failures, categories);
  assert.match(section, /### CC-AK-003 \(MUST\) — A key already used for a connection is not confirmed again/);
  assert.match(section, /- Upstream source: `docs\/Protocols.md#establish-customer-intent`/);
  assert.match(section, /- \*\*Expected:\*\* `keyValid = false`\n- \*\*Received:\*\* `keyValid = true`/);
  assert.match(section, /Request body:\n\n  ```json\n  \{\n    "encodedKey"/);
  assert.match(section, /Reproduce with:\n\n  ```sh\n  curl -sS -X POST/);
  assert.match(section, /x… \(4700 more characters\)/, 'long strings are cut');
  assert.match(section, /```mermaid\nsequenceDiagram/);
  assert.equal(section.match(/```mermaid/g)?.length, 2, 'each diagram once per failure: CC-AK-003 and CC-NEG-013');
});

test('category tables list every requirement with its status, source and why it was skipped', () => {
  const report = sampleReport();
  const md = renderMarkdown(report);
  const tables = md.slice(md.indexOf('## Requirements by category'));
  for (const req of report.requirements) assert.ok(tables.includes(`| ${req.id} | ${req.level} |`), req.id);
  assert.match(tables, /\| CC-NEG-014 \| MUST \| skipped \| .* \| blocked by CC-NEG-013 \|/);
  assert.match(tables, /\| CC-LC-003 \| MUST \| skipped \| .* \| not yet covered \|/);
  assert.match(tables, /hook absent: POST \/macsec-rotations answered 404/);
  assert.match(tables, /\| CC-AK-003 \| MUST \| \*\*FAILED\*\* \|/);
});

test('hostile text cannot inject HTML or break a table row', () => {
  const report = sampleReport();
  const req = report.requirements[0];
  assert.ok(req !== undefined);
  req.title = '<script>alert(1)</script> | extra cell';
  const md = renderMarkdown(report);
  assert.doesNotMatch(md, /<script>/);
  assert.match(md, /&lt;script&gt;alert\(1\)&lt;\/script&gt; \\\| extra cell/);
});
