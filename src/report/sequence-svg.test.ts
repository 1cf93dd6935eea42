import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSequence, renderSequenceSvg } from './sequence-svg.js';

const DIAGRAM = `sequenceDiagram
  participant kit as Kit (aws)
  participant cand as Candidate
  kit->>cand: CreateConnection
  cand-->>kit: 409 Conflict
  cand->>peer: GetProvider
  Note over kit,cand: retried after 2 s
  Note right of cand: busy
  cand->>cand: self check
  rect rgb(0,0,0)
  loop until final
    kit-)cand: GetFeature
  end
  end
  something unsupported here`;

test('the Mermaid subset is parsed: participants, calls, dashed replies, notes, blocks', () => {
  const d = parseSequence(DIAGRAM);
  assert.deepEqual(d.participants, [
    { id: 'kit', label: 'Kit (aws)' }, { id: 'cand', label: 'Candidate' }, { id: 'peer', label: 'peer' },
  ]);
  assert.deepEqual(d.steps[0], { kind: 'message', from: 'kit', to: 'cand', text: 'CreateConnection', dashed: false, head: 'filled' });
  assert.deepEqual(d.steps[1], { kind: 'message', from: 'cand', to: 'kit', text: '409 Conflict', dashed: true, head: 'filled' });
  assert.deepEqual(d.steps[3], { kind: 'note', position: 'over', of: ['kit', 'cand'], text: 'retried after 2 s' });
  assert.deepEqual(d.steps[4], { kind: 'note', position: 'right of', of: ['cand'], text: 'busy' });
  assert.deepEqual(d.steps[6], { kind: 'divider', text: 'loop until final' });
  assert.equal(d.steps[7]?.kind === 'message' ? d.steps[7].head : '', 'open');
  assert.deepEqual(d.unsupported, ['something unsupported here']);
});

test('the SVG draws a lifeline per participant, one arrow per call and dashes for replies', () => {
  const svg = renderSequenceSvg(DIAGRAM, 'Negotiation');
  assert.match(svg, /^<svg class="sequence" role="img" aria-label="Negotiation"/);
  assert.equal((svg.match(/stroke-dasharray="4 4"/g) ?? []).length, 3, 'three lifelines');
  assert.equal((svg.match(/<rect [^>]*rx="4"/g) ?? []).length, 6, 'a box at the top and bottom of each lifeline');
  assert.equal((svg.match(/stroke-dasharray="6 4"/g) ?? []).length, 1, 'one dashed reply');
  assert.equal((svg.match(/<polygon /g) ?? []).length, 4, 'filled heads for the ->> and -->> arrows');
  assert.match(svg, />1 line\(s\) of the diagram are not drawn/);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
});

test('labels are escaped and <br> becomes a second line', () => {
  const svg = renderSequenceSvg('sequenceDiagram\n participant a as <b>A</b>\n a->>b: one<br/>two & "three"', '<t>');
  assert.doesNotMatch(svg, /<b>|<t>/);
  assert.match(svg, /&lt;b&gt;A&lt;\/b&gt;/);
  assert.match(svg, /<tspan [^>]*>one<\/tspan><tspan [^>]*>two &amp; &quot;three&quot;<\/tspan>/);
});

test('an empty or foreign text still yields a valid empty drawing', () => {
  const svg = renderSequenceSvg('graph TD; A-->B', 'x');
  assert.match(svg, /^<svg [^>]*width="\d+" height="\d+"/);
  assert.match(svg, /1 line\(s\) of the diagram are not drawn/);
});
