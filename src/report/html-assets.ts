/**
 * The inline stylesheet and script of `report.html`, and the Content-Security-Policy that allows
 * exactly these two and nothing else: the page can load nothing from any network.
 */
import { createHash } from 'node:crypto';

/** The page's whole stylesheet. */
export const REPORT_CSS = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bg: #f5f7fa; --pass: #1e7e34; --fail: #b42318; --skip: #8a6d00; --na: #52606d; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1200px; margin: 0 auto; padding: 0 16px 48px; }
h1 { font-size: 22px; margin: 0; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0; }
code, pre { font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #fff; border: 1px solid var(--line); padding: 8px; overflow: auto; max-height: 420px; white-space: pre-wrap; word-break: break-word; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef2f7; font-weight: 600; }
td.num, th.num { text-align: right; }
.banner { padding: 20px 24px; color: #fff; margin: 0 -16px 16px; }
.banner p { margin: 6px 0 0; font-size: 15px; }
.banner.CERTIFIED { background: var(--pass); } .banner.NOT_CERTIFIED { background: var(--fail); } .banner.INCOMPLETE { background: #9a6700; }
.verdict { font-size: 28px; font-weight: 700; letter-spacing: .02em; }
.meta { color: rgba(255,255,255,.9); font-size: 13px; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 22px; }
.card.bad b { color: var(--fail); }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
.badge.passed { background: var(--pass); } .badge.failed { background: var(--fail); } .badge.skipped { background: var(--skip); } .badge.not-applicable { background: var(--na); }
.level { font-weight: 600; } .level.MUST { color: var(--fail); }
.failure { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 4px; padding: 10px 14px; margin: 10px 0; }
.failure > summary { cursor: pointer; }
summary h3 { display: inline; }
td:first-child code { white-space: nowrap; }
table.reqs { table-layout: fixed; }
table.reqs th:nth-child(1) { width: 112px; } table.reqs th:nth-child(2) { width: 76px; } table.reqs th:nth-child(3) { width: 116px; }
table.reqs th:nth-child(5) { width: 26%; } table.reqs th:nth-child(6) { width: 22%; }
td.source code { word-break: break-all; }
.source, .note { color: var(--muted); }
.expect th { width: 110px; }
.exchange { border-top: 1px dashed var(--line); padding-top: 6px; margin-top: 6px; }
.exchange .line { font-weight: 600; }
.ok { color: var(--pass); font-weight: 600; } .bad { color: var(--fail); font-weight: 600; }
details > summary { cursor: pointer; }
details.category { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 6px 12px; margin: 8px 0; }
tr.evidence > td { background: #fafbfc; }
.figure { overflow-x: auto; background: #fff; border: 1px solid var(--line); padding: 6px; margin: 6px 0; }
#filters { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 8px 12px; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
#filters label { white-space: nowrap; }
[hidden] { display: none !important; }
footer { color: var(--muted); font-size: 12px; margin-top: 40px; }
@media print { .banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; } #filters { display: none !important; } pre { max-height: none; } }
`;

/**
 * The page's only script: shows the filter bar (hidden without JavaScript, where everything stays
 * visible), filters requirement rows and failure cards by status, category and text, and opens or
 * closes every collapsible block.
 */
export const REPORT_JS = `
(function () {
  var bar = document.getElementById('filters');
  if (!bar) return;
  bar.hidden = false;
  function apply() {
    var shown = {};
    bar.querySelectorAll('input[name=status]').forEach(function (i) { shown[i.value] = i.checked; });
    var cat = bar.querySelector('select[name=category]').value;
    var q = bar.querySelector('input[name=q]').value.toLowerCase();
    document.querySelectorAll('[data-status]').forEach(function (el) {
      var ok = shown[el.getAttribute('data-status')] !== false
        && (cat === '' || el.getAttribute('data-category') === cat)
        && (q === '' || el.textContent.toLowerCase().indexOf(q) >= 0);
      el.hidden = !ok;
    });
    document.querySelectorAll('[data-category-section]').forEach(function (s) {
      s.hidden = cat !== '' && s.getAttribute('data-category-section') !== cat;
    });
  }
  bar.addEventListener('input', apply);
  bar.addEventListener('change', apply);
  function toggleAll(open) {
    document.querySelectorAll('details').forEach(function (d) { d.open = open; });
  }
  document.getElementById('expand-all').addEventListener('click', function () { toggleAll(true); });
  document.getElementById('collapse-all').addEventListener('click', function () { toggleAll(false); });
})();
`;

function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy of the page: nothing may load from anywhere (`default-src 'none'`);
 * only the exact inline stylesheet and script above may run, pinned by their SHA-256.
 */
export const REPORT_CSP = [
  "default-src 'none'",
  `style-src ${cspHash(REPORT_CSS)}`,
  `script-src ${cspHash(REPORT_JS)}`,
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
