/**
 * `report.md`: the report as Markdown for pull requests and chat: verdict, summary, failures first
 * with everything needed to reproduce them, then the requirements by category.
 */
import type { ReportFileWriter } from './output-file.js';
import { writeAtomic } from './output-file.js';
import { escapeMarkdown, markdownCode } from './escape.js';
import { evidenceMarkdown, sequenceMarkdown } from './markdown-evidence.js';
import type { Report, RequirementResult } from './schema.js';
import {
  STATUS_LABELS, VERDICT_LABELS, countStatuses, evidenceRank, failuresOf, groupByCategory, requirementNote, sequencesFor,
} from './view.js';

/**
 * Renders the whole Markdown report: headline verdict and reason, summary counts, failures (with
 * expected vs received, exchanges, reproduce lines and sequence diagrams), run information,
 * preflight, a table of requirements per category, the evidence of the other judged requirements,
 * the recorded conversations and the scenarios.
 */
export function renderMarkdown(report: Report): string {
  const sections = [
    headline(report),
    summary(report),
    failures(report),
    runInfo(report),
    preflight(report),
    categories(report),
    otherEvidence(report),
    conversations(report),
    scenarios(report),
  ];
  return `${sections.filter((s) => s.length > 0).map((s) => s.join('\n').trimEnd()).join('\n\n')}\n`;
}

function headline(report: Report): string[] {
  return [
    '# interconnect-ctk certification report',
    '',
    `**Verdict: ${VERDICT_LABELS[report.verdict]}** — ${escapeMarkdown(report.verdictReason)}`,
    '',
    `Candidate ${markdownCode(report.candidate.baseUrl)} (provider ${markdownCode(report.candidate.providerId)}),`
      + ` judged by interconnect-ctk ${escapeMarkdown(report.kit.version)} on ${escapeMarkdown(report.finishedAt)}.`,
  ];
}

function summary(report: Report): string[] {
  const s = report.summary;
  return [
    '## Summary',
    '',
    '| Passed | Failed | Skipped | Not applicable | MUST failed | MUST skipped | Not yet covered |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${s.passed} | ${s.failed} | ${s.skipped} | ${s.notApplicable} | ${s.mustFailed} | ${s.mustSkipped} | ${s.notYetCovered} |`,
  ];
}

function failures(report: Report): string[] {
  const failed = failuresOf(report);
  if (failed.length === 0) return ['## Failures', '', 'No requirement failed.'];
  return [`## Failures (${failed.length})`, '', ...failed.flatMap((r) => failureMarkdown(r, report))];
}

function failureMarkdown(req: RequirementResult, report: Report): string[] {
  const lines = [
    `### ${escapeMarkdown(req.id)} (${req.level}) — ${escapeMarkdown(req.title)}`,
    '',
    `- Category: ${req.category}${req.actor !== undefined ? ` · actor: ${req.actor}` : ''}`,
    `- Upstream source: ${markdownCode(req.source)}`,
  ];
  const note = requirementNote(req);
  if (note !== '') lines.push(`- Note: ${escapeMarkdown(note)}`);
  if (req.scenarios.length > 0) lines.push(`- Scenarios: ${req.scenarios.map((s) => escapeMarkdown(s)).join('; ')}`);
  lines.push('');
  const ordered = req.evidence.filter((e) => e.kind !== 'sequence').sort((a, b) => evidenceRank(a.kind) - evidenceRank(b.kind));
  for (const e of ordered) lines.push(...evidenceMarkdown(e));
  for (const seq of sequencesFor(report, req)) lines.push(...sequenceMarkdown(seq.title, seq.mermaid));
  return lines;
}

function runInfo(report: Report): string[] {
  const run = report.run;
  const rows: [string, string][] = [
    ['Candidate', `${markdownCode(report.candidate.baseUrl, true)} provider ${markdownCode(report.candidate.providerId, true)}`],
    ['Hooks', report.candidate.hooksUrl != null ? markdownCode(report.candidate.hooksUrl, true) : 'none'],
    ['Kit', `interconnect-ctk ${escapeMarkdown(report.kit.version)}, spec ${escapeMarkdown(report.kit.spec)}`],
    ['Started / finished', `${escapeMarkdown(report.startedAt)} / ${escapeMarkdown(report.finishedAt)}`],
    ['Tags', run.tags !== null ? markdownCode(run.tags, true) : 'all scenarios'],
    ['Bundled reference', run.reference ? `yes${run.fault != null ? `, fault ${markdownCode(run.fault, true)}` : ''}` : 'no'],
    ['Node / platform', `${escapeMarkdown(run.node)} / ${escapeMarkdown(run.platform)}`],
    ['Report format', escapeMarkdown(report.formatVersion)],
  ];
  return ['## Run', '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
}

function preflight(report: Report): string[] {
  if (report.preflight.length === 0) return ['## Preflight', '', 'No preflight checks were recorded.'];
  const rows = report.preflight.map((p) => `| ${escapeMarkdown(p.check)} | ${p.ok ? 'ok' : '**problem**'} | ${escapeMarkdown(p.detail)} |`);
  return ['## Preflight', '', '| Check | Result | Detail |', '|---|---|---|', ...rows];
}

function categories(report: Report): string[] {
  const lines = ['## Requirements by category'];
  for (const group of groupByCategory(report.requirements)) {
    const c = countStatuses(group.requirements);
    lines.push('', `### ${group.category}`, '',
      `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${c['not-applicable']} not applicable.`, '',
      '| ID | Level | Status | Title | Source | Note |', '|---|---|---|---|---|---|',
      ...group.requirements.map(requirementRow));
  }
  return lines;
}

function requirementRow(req: RequirementResult): string {
  const status = req.status === 'failed' ? `**${STATUS_LABELS.failed}**` : STATUS_LABELS[req.status];
  const cells = [escapeMarkdown(req.id), req.level, status, escapeMarkdown(req.title), markdownCode(req.source, true), escapeMarkdown(requirementNote(req))];
  return `| ${cells.join(' | ')} |`;
}

function otherEvidence(report: Report): string[] {
  const judged = report.requirements.filter((r) => r.status !== 'failed' && r.evidence.length > 0);
  if (judged.length === 0) return [];
  const lines = ['## Evidence of the other requirements'];
  for (const req of judged) {
    lines.push('', `### ${escapeMarkdown(req.id)} (${req.level}, ${STATUS_LABELS[req.status]}) — ${escapeMarkdown(req.title)}`, '');
    for (const e of req.evidence) lines.push(...evidenceMarkdown(e));
  }
  return lines;
}

function conversations(report: Report): string[] {
  if (report.sequences.length === 0) return [];
  const lines = ['## Conversations', ''];
  for (const seq of report.sequences) {
    const reqs = seq.requirements.length > 0 ? ` (requirements: ${seq.requirements.map(escapeMarkdown).join(', ')})` : '';
    lines.push(`### ${escapeMarkdown(seq.title)}${reqs}`, '', ...sequenceMarkdown(seq.title, seq.mermaid).slice(2));
  }
  return lines;
}

function scenarios(report: Report): string[] {
  if (report.scenarios.length === 0) return [];
  const rows = report.scenarios.map((s) => {
    const status = s.status === 'failed' ? '**failed**' : s.status;
    const message = s.message !== undefined ? ` — ${escapeMarkdown(s.message)}` : '';
    return `| ${escapeMarkdown(s.name)} | ${escapeMarkdown(s.feature)} | ${status}${message} | ${s.requirements.map(escapeMarkdown).join(', ')} |`;
  });
  return ['## Scenarios', '', '| Scenario | Feature | Status | Requirements |', '|---|---|---|---|', ...rows];
}

/** Writes `report.md` into `dir` (which must exist) and returns its path. */
export async function writeMarkdown(report: Report, dir: string): Promise<string> {
  return writeAtomic(dir, MARKDOWN_WRITER.file, renderMarkdown(report));
}

/** The `report.md` writer. */
export const MARKDOWN_WRITER: ReportFileWriter = { file: 'report.md', render: renderMarkdown };
