/**
 * `report.html`: one self-contained page for reviewers: verdict banner, summary, failures first,
 * then every requirement by category with its evidence. No external resource of any kind; a
 * Content-Security-Policy forbids loading one; the page reads fully without JavaScript.
 */
import type { ReportFileWriter } from './output-file.js';
import { writeAtomic } from './output-file.js';
import { escapeHtml } from './escape.js';
import { REPORT_CSP, REPORT_CSS, REPORT_JS } from './html-assets.js';
import { evidenceHtml, sequenceHtml } from './html-evidence.js';
import { REPORT_FORMAT_VERSION, type Report, type RequirementResult } from './schema.js';
import { STATUSES } from '../spec/categories.js';
import {
  STATUS_LABELS, VERDICT_LABELS, countStatuses, evidenceRank, failuresOf, groupByCategory, requirementNote, sequencesFor,
  type CategoryGroup,
} from './view.js';

/** Renders the whole HTML page. Every piece of report content is HTML-escaped. */
export function renderHtml(report: Report): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(`${VERDICT_LABELS[report.verdict]} — ${report.candidate.providerId} — interconnect-ctk report`)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    banner(report),
    summary(report),
    filters(report),
    failures(report),
    runInfo(report),
    preflight(report),
    categories(report),
    conversations(report),
    scenarios(report),
    footer(report),
    '</main>',
    `<script>${REPORT_JS}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function banner(report: Report): string {
  return `<header class="banner ${escapeHtml(report.verdict)}">
<h1>interconnect-ctk certification report</h1>
<div class="verdict">${escapeHtml(VERDICT_LABELS[report.verdict])}</div>
<p>${escapeHtml(report.verdictReason)}</p>
<div class="meta">Candidate <code>${escapeHtml(report.candidate.baseUrl)}</code> (provider <code>${escapeHtml(report.candidate.providerId)}</code>) · finished ${escapeHtml(report.finishedAt)}</div>
</header>`;
}

function summary(report: Report): string {
  const s = report.summary;
  const cards: [string, number, boolean][] = [
    ['passed', s.passed, false], ['failed', s.failed, s.failed > 0], ['skipped', s.skipped, false],
    ['not applicable', s.notApplicable, false], ['MUST failed', s.mustFailed, s.mustFailed > 0],
    ['MUST skipped', s.mustSkipped, s.mustSkipped > 0], ['not yet covered', s.notYetCovered, false],
  ];
  const html = cards.map(([label, n, bad]) => `<div class="card${bad ? ' bad' : ''}"><b>${n}</b>${escapeHtml(label)}</div>`);
  return `<section id="summary"><h2>Summary</h2><div class="cards">${html.join('')}</div></section>`;
}

function filters(report: Report): string {
  const statuses = STATUSES.map((s) => `<label><input type="checkbox" name="status" value="${s}" checked> ${escapeHtml(STATUS_LABELS[s])}</label>`);
  const cats = groupByCategory(report.requirements).map((g) => `<option value="${escapeHtml(g.category)}">${escapeHtml(g.category)}</option>`);
  return `<form id="filters" hidden>
<strong>Show</strong> ${statuses.join(' ')}
<label>category <select name="category"><option value="">all</option>${cats.join('')}</select></label>
<label>text <input type="search" name="q" placeholder="id, title, source…"></label>
<button type="button" id="expand-all">expand all</button> <button type="button" id="collapse-all">collapse all</button>
</form>`;
}

function failures(report: Report): string {
  const failed = failuresOf(report);
  const body = failed.length === 0 ? '<p>No requirement failed.</p>' : failed.map((r) => failureHtml(r, report)).join('\n');
  return `<section id="failures"><h2>Failures (${failed.length})</h2>\n${body}\n</section>`;
}

function failureHtml(req: RequirementResult, report: Report): string {
  const note = requirementNote(req);
  const head = `<summary><h3>${badge(req)} ${escapeHtml(req.id)} <span class="level ${escapeHtml(req.level)}">${escapeHtml(req.level)}</span> — ${escapeHtml(req.title)}</h3></summary>`;
  const facts = [
    `<div>Category ${escapeHtml(req.category)}${req.actor !== undefined ? ` · actor ${escapeHtml(req.actor)}` : ''} · <a href="#req-${escapeHtml(req.id)}">row in ${escapeHtml(req.category)}</a></div>`,
    `<div class="source">Upstream source: <code>${escapeHtml(req.source)}</code></div>`,
    ...(note !== '' ? [`<div class="note">${escapeHtml(note)}</div>`] : []),
    ...(req.scenarios.length > 0 ? [`<div>Scenarios: ${req.scenarios.map((s) => escapeHtml(s)).join('; ')}</div>`] : []),
  ];
  const evidence = req.evidence.filter((e) => e.kind !== 'sequence').sort((a, b) => evidenceRank(a.kind) - evidenceRank(b.kind)).map(evidenceHtml);
  const sequences = sequencesFor(report, req).map(sequenceHtml);
  return `<details class="failure" open id="fail-${escapeHtml(req.id)}" data-status="failed" data-category="${escapeHtml(req.category)}">
${head}
${[...facts, ...evidence, ...sequences].join('\n')}
</details>`;
}

function badge(req: RequirementResult): string {
  return `<span class="badge ${escapeHtml(req.status)}">${escapeHtml(STATUS_LABELS[req.status])}</span>`;
}

function runInfo(report: Report): string {
  const run = report.run;
  const rows: [string, string][] = [
    ['Candidate API', report.candidate.baseUrl],
    ['Candidate provider id', report.candidate.providerId],
    ['Customer-action hooks', report.candidate.hooksUrl ?? 'none'],
    ['Kit', `${report.kit.name} ${report.kit.version}`],
    ['Upstream spec', report.kit.spec],
    ['Started', report.startedAt],
    ['Finished', report.finishedAt],
    ['Tags', run.tags ?? 'all scenarios'],
    ['Bundled reference', run.reference ? `yes${run.fault != null ? `, fault ${run.fault}` : ''}` : 'no'],
    ['Node / platform', `${run.node} / ${run.platform}`],
  ];
  const html = rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`);
  return `<section id="run"><h2>Run</h2><table>${html.join('')}</table></section>`;
}

function preflight(report: Report): string {
  if (report.preflight.length === 0) return '<section id="preflight"><h2>Preflight</h2><p>No preflight checks were recorded.</p></section>';
  const rows = report.preflight.map((p) => `<tr><td>${escapeHtml(p.check)}</td><td>${p.ok ? '<span class="ok">ok</span>' : '<span class="bad">problem</span>'}</td><td>${escapeHtml(p.detail)}</td></tr>`);
  return `<section id="preflight"><h2>Preflight</h2><table><thead><tr><th>Check</th><th>Result</th><th>Detail</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function categories(report: Report): string {
  const groups = groupByCategory(report.requirements).map(categoryHtml);
  return `<section id="requirements"><h2>Requirements by category</h2>\n${groups.join('\n')}\n</section>`;
}

function categoryHtml(group: CategoryGroup): string {
  const c = countStatuses(group.requirements);
  const counts = `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${c['not-applicable']} not applicable`;
  const head = '<thead><tr><th>ID</th><th>Level</th><th>Status</th><th>Title</th><th>Upstream source</th><th>Note</th></tr></thead>';
  return `<section data-category-section="${escapeHtml(group.category)}"><details class="category" open>
<summary><h3>${escapeHtml(group.category)}</h3> — ${counts}</summary>
<table class="reqs">${head}
${group.requirements.map(requirementRows).join('\n')}
</table></details></section>`;
}

function requirementRows(req: RequirementResult): string {
  const note = req.status === 'failed' ? `<a href="#fail-${escapeHtml(req.id)}">see the failure</a> ${escapeHtml(requirementNote(req))}` : escapeHtml(requirementNote(req));
  const row = `<tr><td><code>${escapeHtml(req.id)}</code></td><td class="level ${escapeHtml(req.level)}">${escapeHtml(req.level)}</td><td>${badge(req)}</td>`
    + `<td>${escapeHtml(req.title)}</td><td class="source"><code>${escapeHtml(req.source)}</code></td><td class="note">${note}</td></tr>`;
  const evidence = req.status === 'failed' || req.evidence.length === 0
    ? ''
    : `\n<tr class="evidence"><td colspan="6"><details><summary>Evidence (${req.evidence.length})</summary>\n${req.evidence.map(evidenceHtml).join('\n')}\n</details></td></tr>`;
  return `<tbody id="req-${escapeHtml(req.id)}" data-status="${escapeHtml(req.status)}" data-category="${escapeHtml(req.category)}">${row}${evidence}</tbody>`;
}

function conversations(report: Report): string {
  if (report.sequences.length === 0) return '';
  const items = report.sequences.map((s) => {
    const reqs = s.requirements.map((id) => `<a href="#req-${escapeHtml(id)}">${escapeHtml(id)}</a>`).join(', ');
    return `<details open><summary>${escapeHtml(s.title)}${reqs !== '' ? ` — ${reqs}` : ''}</summary>\n${sequenceHtml(s)}\n</details>`;
  });
  return `<section id="conversations"><h2>Conversations</h2>\n${items.join('\n')}\n</section>`;
}

function scenarios(report: Report): string {
  if (report.scenarios.length === 0) return '';
  const rows = report.scenarios.map((s) => `<tr><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.feature)}</td>`
    + `<td>${s.status === 'failed' ? '<span class="bad">failed</span>' : escapeHtml(s.status)}${s.message !== undefined ? ` — ${escapeHtml(s.message)}` : ''}</td>`
    + `<td>${s.requirements.map((id) => escapeHtml(id)).join(', ')}</td></tr>`);
  return `<section id="scenarios"><h2>Scenarios (${report.scenarios.length})</h2><details><summary>Show every scenario</summary>
<table><thead><tr><th>Scenario</th><th>Feature</th><th>Status</th><th>Requirements</th></tr></thead><tbody>${rows.join('')}</tbody></table></details></section>`;
}

function footer(report: Report): string {
  return `<footer>Written by ${escapeHtml(report.kit.name)} ${escapeHtml(report.kit.version)} · report format ${escapeHtml(report.formatVersion)} (writer ${REPORT_FORMAT_VERSION}) · spec ${escapeHtml(report.kit.spec)}. Check this report's integrity with <code>ictk verify &lt;report-dir&gt;</code>.</footer>`;
}

/** Writes `report.html` into `dir` (which must exist) and returns its path. */
export async function writeHtml(report: Report, dir: string): Promise<string> {
  return writeAtomic(dir, HTML_WRITER.file, renderHtml(report));
}

/** The `report.html` writer. */
export const HTML_WRITER: ReportFileWriter = { file: 'report.html', render: renderHtml };
