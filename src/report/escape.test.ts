import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, escapeMarkdown, escapeXml, markdownCode, markdownFence, stripInvalidXmlChars } from './escape.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '</textarea></pre><svg onload=alert(1)>',
  '`${alert(1)}`',
  '&lt;already&gt; & more',
];

test('escapeHtml leaves no tag, attribute break or raw ampersand in hostile strings', () => {
  for (const s of HOSTILE) {
    const out = escapeHtml(s);
    assert.doesNotMatch(out, /[<>"'`]/, out);
    assert.doesNotMatch(out, /&(?!(amp|lt|gt|quot|#39|#96);)/, out);
  }
  assert.equal(escapeHtml('<script>'), '&lt;script&gt;');
  assert.equal(escapeHtml('a & "b"'), 'a &amp; &quot;b&quot;');
});

test('escapeXml escapes markup and drops characters XML 1.0 cannot carry', () => {
  assert.equal(escapeXml('a<b>&"\'c'), 'a&lt;b&gt;&amp;&quot;&apos;c');
  assert.equal(escapeXml('bell\u0007 nul\u0000 tab\t'), 'bell nul tab\t');
  assert.equal(stripInvalidXmlChars('x\uD800y\uFFFEz'), 'xyz');
  assert.equal(stripInvalidXmlChars('emoji \uD83D\uDE00 kept'), 'emoji \uD83D\uDE00 kept');
});

test('escapeMarkdown neutralises HTML, table pipes and line breaks', () => {
  assert.equal(escapeMarkdown('<b>x</b> | y\nz'), '&lt;b&gt;x&lt;/b&gt; \\| y z');
  assert.equal(escapeMarkdown('*bold* [link](u)'), '\\*bold\\* \\[link\\](u)');
});

test('markdown code spans and fences outgrow the backticks inside them', () => {
  assert.equal(markdownCode('a`b'), '``a`b``');
  assert.equal(markdownCode('a|b', true), '`a\\|b`');
  const fenced = markdownFence('json', 'x\n````\ny');
  assert.ok(fenced.startsWith('`````json\n'), fenced);
  assert.ok(fenced.endsWith('\n`````'), fenced);
});

test('underscores are escaped only where they could start emphasis', () => {
  assert.equal(escapeMarkdown('PROVISIONING_STATE_FINAL'), 'PROVISIONING_STATE_FINAL');
  assert.equal(escapeMarkdown('_x_ and __y'), '\\_x\\_ and \\_\\_y');
});
