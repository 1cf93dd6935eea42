/**
 * Markdown for each kind of evidence: exchanges with redacted bodies and reproduce lines,
 * expectations, notes, Mermaid sequence diagrams, tables, metrics and chart data.
 */
import type { Evidence } from './schema.js';
import { escapeMarkdown, markdownCode, markdownFence } from './escape.js';
import { exchangeHeadline, formatBody, formatNumber, hasBody, metricLine, type EvidenceOf } from './view.js';

/** Most points of a chart listed as a Markdown table; the HTML report draws them all. */
const CHART_ROWS = 25;

/** Most rows of a table evidence shown in Markdown; the HTML report shows them all. */
const TABLE_ROWS = 50;

/** Markdown lines for one piece of evidence. */
export function evidenceMarkdown(e: Evidence): string[] {
  switch (e.kind) {
    case 'exchange': return exchangeMarkdown(e);
    case 'expectation': return expectationMarkdown(e);
    case 'note': return [`- Note: ${escapeMarkdown(e.text)}`, ''];
    case 'sequence': return sequenceMarkdown(e.title, e.mermaid);
    case 'table': return tableMarkdown(e);
    case 'metric': return metricMarkdown(e);
    case 'chart': return chartMarkdown(e);
  }
}

/** An exchange: headline, request and response bodies in JSON fences, and its reproduce line. */
export function exchangeMarkdown(ex: EvidenceOf<'exchange'>): string[] {
  const lines = [`- Exchange ${markdownCode(exchangeHeadline(ex))}`, ''];
  if (hasBody(ex.requestBody)) lines.push('  Request body:', '', indent(bodyFence(ex.requestBody)), '');
  if (hasBody(ex.responseBody)) lines.push('  Response body:', '', indent(bodyFence(ex.responseBody)), '');
  if (ex.reproduce !== undefined) lines.push('  Reproduce with:', '', indent(markdownFence('sh', ex.reproduce)), '');
  return lines;
}

function bodyFence(body: unknown): string {
  return markdownFence(typeof body === 'string' ? 'text' : 'json', formatBody(body));
}

/** Expected versus received, inline when short, fenced when long or multi-line. */
export function expectationMarkdown(e: EvidenceOf<'expectation'>): string[] {
  const lines = [...valueMarkdown('Expected', e.expected), ...valueMarkdown('Received', e.received)];
  if (e.location !== undefined) lines.push(`- At: ${markdownCode(e.location)}`);
  return [...lines, ''];
}

function valueMarkdown(label: string, value: string): string[] {
  if (!value.includes('\n') && value.length <= 200) return [`- **${label}:** ${markdownCode(value)}`];
  return [`- **${label}:**`, '', indent(markdownFence('text', formatBody(value))), ''];
}

/** A Mermaid sequence diagram in a `mermaid` fence under its title. */
export function sequenceMarkdown(title: string, mermaid: string): string[] {
  return [`- Sequence: ${escapeMarkdown(title)}`, '', markdownFence('mermaid', mermaid), ''];
}

function tableMarkdown(e: EvidenceOf<'table'>): string[] {
  const head = `| ${e.columns.map(escapeMarkdown).join(' | ')} |`;
  const rule = `|${e.columns.map(() => '---').join('|')}|`;
  const rows = e.rows.slice(0, TABLE_ROWS).map((r) => `| ${e.columns.map((_, i) => escapeMarkdown(r[i] ?? '')).join(' | ')} |`);
  const more = e.rows.length > TABLE_ROWS ? [`… ${e.rows.length - TABLE_ROWS} more rows in report.html`] : [];
  return [`- Table: ${escapeMarkdown(e.title)}`, '', head, rule, ...rows, '', ...more, ...(more.length > 0 ? [''] : [])];
}

function metricMarkdown(e: EvidenceOf<'metric'>): string[] {
  const { text, ok } = metricLine(e);
  const mark = ok === null ? '' : ok ? ' — meets the threshold' : ' — **misses the threshold**';
  return [`- Metric: ${escapeMarkdown(text)}${mark}`, ''];
}

function chartMarkdown(e: EvidenceOf<'chart'>): string[] {
  const head = [`- Chart (${e.chart}): ${escapeMarkdown(e.title)} — ${e.points.length} points, drawn in report.html`, ''];
  if (e.points.length === 0) return head;
  const rows = e.points.slice(0, CHART_ROWS).map(([x, y]) => `| ${formatNumber(x)} | ${formatNumber(y)} |`);
  const more = e.points.length > CHART_ROWS ? [`… ${e.points.length - CHART_ROWS} more points`, ''] : [];
  return [...head, `| ${escapeMarkdown(e.xLabel)} | ${escapeMarkdown(e.yLabel)} |`, '|---|---|', ...rows, '', ...more];
}

function indent(block: string): string {
  return block.split('\n').map((l) => (l === '' ? l : `  ${l}`)).join('\n');
}
