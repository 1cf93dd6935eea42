import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleReport } from './fixture.test-support.js';
import { renderJunit } from './junit.js';
import { findAll, parseXml } from './xml-check.test-support.js';

test('junit.xml is well-formed with one suite per category and one case per requirement', () => {
  const report = sampleReport();
  const root = parseXml(renderJunit(report));
  assert.equal(root.name, 'testsuites');
  const cases = findAll(root, 'testcase');
  assert.equal(cases.length, report.requirements.length);
  assert.deepEqual(findAll(root, 'testsuite').map((s) => s.attrs['name']),
    ['schema', 'activation-key', 'negotiation', 'lifecycle', 'macsec', 'resiliency', 'sla', 'security']);
  assert.equal(cases[0]?.attrs['classname'], 'schema');
  assert.equal(cases[0]?.attrs['name'], 'CC-SCH-001 Every read or list response validates against its schema');
});

test('failed cases carry expected and received, skipped and not-applicable cases their reason', () => {
  const root = parseXml(renderJunit(sampleReport()));
  assert.equal(findAll(root, 'failure').length, 3);
  assert.equal(findAll(root, 'skipped').length, 4);
  assert.equal(root.attrs['failures'], '3');
  assert.equal(root.attrs['skipped'], '4');
  assert.equal(root.attrs['tests'], '11');
  const byName = new Map(findAll(root, 'testcase').map((c) => [c.attrs['name']?.split(' ')[0], c]));
  const failure = byName.get('CC-AK-003')?.children.find((c) => c.name === 'failure');
  assert.equal(failure?.attrs['message'], 'expected keyValid = false, received keyValid = true');
  assert.match(failure?.text ?? '', /reproduce with: curl -sS -X POST/);
  const skip = (id: string): string | undefined => byName.get(id)?.children.find((c) => c.name === 'skipped')?.attrs['message'];
  assert.equal(skip('CC-NEG-014'), 'blocked by CC-NEG-013');
  assert.equal(skip('CC-LC-003'), 'not yet covered');
  assert.equal(skip('CC-SEC-001'), 'not applicable: plain http on loopback: transport security was not assessed');
});

test('level and source are properties of each case', () => {
  const root = parseXml(renderJunit(sampleReport()));
  const first = findAll(root, 'testcase')[0];
  const props = Object.fromEntries(findAll(first ?? root, 'property').map((p) => [p.attrs['name'], p.attrs['value']]));
  assert.equal(props['level'], 'MUST');
  assert.equal(props['source'], 'schemas/connection.yaml');
});

test('hostile text and control characters keep the XML well-formed and round-trip', () => {
  const report = sampleReport();
  const req = report.requirements[1];
  assert.ok(req !== undefined);
  req.title = '<testcase name="x"/> & ]]> \u0001"\'';
  req.evidence.unshift({ kind: 'expectation', expected: '</failure><x>', received: 'a & b\u0000' });
  const root = parseXml(renderJunit(report));
  const c = findAll(root, 'testcase').find((t) => t.attrs['name']?.startsWith('CC-SCH-008'));
  assert.equal(c?.attrs['name'], 'CC-SCH-008 <testcase name="x"/> & ]]> "\'');
  assert.equal(c?.children.find((x) => x.name === 'failure')?.attrs['message'], 'expected </failure><x>, received a & b');
});
