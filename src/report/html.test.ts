import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleReport } from './fixture.test-support.js';
import { renderHtml } from './html.js';
import { REPORT_CSP } from './html-assets.js';

test('the HTML report loads nothing from any network', () => {
  const html = renderHtml(sampleReport());
  assert.doesNotMatch(html, /\b(?:src|href|xlink:href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i);
  assert.doesNotMatch(html, /@import|url\(\s*["']?\s*(?:https?:)?\/\//i);
  assert.doesNotMatch(html, /<(?:link|img|iframe|object|embed|audio|video|source)\b/i);
  assert.match(html.replace(/&#39;/g, "'"), /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  assert.equal((html.match(/<script\b/g) ?? []).length, 1, 'only the page\'s own inline script');
  for (const href of html.matchAll(/href="([^"]*)"/g)) assert.match(href[1] ?? '', /^#/, 'links stay inside the page');
});

test('the CSP pins the inline style and script by hash, allowing nothing else', () => {
  assert.match(REPORT_CSP, /style-src 'sha256-[A-Za-z0-9+/]+=*'; script-src 'sha256-[A-Za-z0-9+/]+=*'/);
  assert.doesNotMatch(REPORT_CSP, /unsafe-inline|https?:/);
});

test('hostile text in a requirement, a reason and evidence is escaped', () => {
  const report = sampleReport();
  const req = report.requirements[0];
  assert.ok(req !== undefined);
  req.title = '<script>alert("title")</script>';
  req.source = '"><img src=x onerror=alert(1)>';
  report.verdictReason = '</title><script>alert(2)</script>';
  req.evidence.push({ kind: 'note', text: '<iframe src="https://evil.example/">' });
  const html = renderHtml(report);
  assert.equal((html.match(/<script\b/g) ?? []).length, 1);
  assert.doesNotMatch(html, /<img|<iframe/);
  assert.match(html, /&lt;script&gt;alert\(&quot;title&quot;\)&lt;\/script&gt;/);
  assert.match(html, /&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
});

test('failures come before the category tables and carry expected, received and reproduce lines', () => {
  const html = renderHtml(sampleReport());
  const failures = html.indexOf('id="failures"');
  const requirements = html.indexOf('id="requirements"');
  assert.ok(failures > 0 && failures < requirements);
  const section = html.slice(failures, requirements);
  assert.match(section, /Failures \(3\)/);
  assert.match(section, /<th>Expected<\/th><td><pre>keyValid = false<\/pre>/);
  assert.match(section, /<th>Received<\/th><td><pre>keyValid = true<\/pre>/);
  assert.match(section, /Reproduce with:<\/div><pre class="reproduce">curl -sS -X POST/);
  assert.match(section, /Upstream source: <code>docs\/Protocols.md#establish-customer-intent<\/code>/);
  assert.ok(section.indexOf('CC-AK-003') < section.indexOf('CC-SCH-008'), 'MUST failures before SHOULD failures');
  assert.match(section, /x… \(4700 more characters\)/, 'long strings in bodies are cut');
});

test('evidence is drawn inline: sequence diagrams, both chart kinds, tables and metrics', () => {
  const html = renderHtml(sampleReport());
  assert.ok((html.match(/<svg class="sequence"/g) ?? []).length >= 2);
  assert.match(html, /<summary>Mermaid source<\/summary><pre>sequenceDiagram/);
  assert.match(html, /<svg class="chart" role="img" aria-label="Latency histogram"/);
  assert.match(html, /<svg class="chart" role="img" aria-label="Requests over time"[\s\S]*?<polyline/);
  assert.match(html, /<caption>Channels of ic-1<\/caption>/);
  assert.match(html, /p99 latency: 87.25 ms \(threshold &lt;= 1000 ms\) <span class="ok">meets the threshold/);
});

test('skipped requirements show why, and every requirement shows its source', () => {
  const report = sampleReport();
  const html = renderHtml(report);
  assert.match(html, /id="req-CC-NEG-014"[^]*?blocked by CC-NEG-013/);
  assert.match(html, /id="req-CC-LC-003"[^]*?not yet covered/);
  assert.match(html, /id="req-CC-MS-010"[^]*?hook absent/);
  for (const req of report.requirements) assert.ok(html.includes(`<td class="source"><code>${req.source}</code>`), req.id);
});

test('the filter bar is hidden until the script shows it, so the page reads without JavaScript', () => {
  const html = renderHtml(sampleReport());
  assert.match(html, /<form id="filters" hidden>/);
  assert.doesNotMatch(html.replace(/<form id="filters" hidden>[\s\S]*?<\/form>/, ''), /\shidden[\s>]/);
});
