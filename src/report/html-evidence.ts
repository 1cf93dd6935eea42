/**
 * HTML for each kind of evidence: exchanges with redacted bodies and reproduce lines, expected vs
 * received, notes, sequence diagrams as inline SVG, tables, metrics and charts.
 */
import { renderChartSvg } from './chart-svg.js';
import { escapeHtml } from './escape.js';
import type { Evidence } from './schema.js';
import { renderSequenceSvg } from './sequence-svg.js';
import { exchangeHeadline, formatBody, hasBody, metricLine, type EvidenceOf, type TitledSequence } from './view.js';

/** HTML for one piece of evidence. */
export function evidenceHtml(e: Evidence): string {
  switch (e.kind) {
    case 'exchange': return exchangeHtml(e);
    case 'expectation': return expectationHtml(e);
    case 'note': return `<p class="note">${escapeHtml(e.text)}</p>`;
    case 'sequence': return sequenceHtml(e);
    case 'table': return tableHtml(e);
    case 'metric': return metricHtml(e);
    case 'chart': return `<div class="figure">${renderChartSvg(e)}</div>`;
  }
}

/** An exchange: headline, request and response bodies (trimmed) and the curl line that reproduces it. */
export function exchangeHtml(ex: EvidenceOf<'exchange'>): string {
  const parts = [`<div class="exchange"><div class="line"><code>${escapeHtml(exchangeHeadline(ex))}</code></div>`];
  if (hasBody(ex.requestBody)) parts.push(bodyBlock('Request body', ex.requestBody));
  if (hasBody(ex.responseBody)) parts.push(bodyBlock('Response body', ex.responseBody));
  if (ex.reproduce !== undefined) parts.push(`<div>Reproduce with:</div><pre class="reproduce">${escapeHtml(ex.reproduce)}</pre>`);
  parts.push('</div>');
  return parts.join('\n');
}

function bodyBlock(label: string, body: unknown): string {
  return `<details open><summary>${escapeHtml(label)}</summary><pre>${escapeHtml(formatBody(body))}</pre></details>`;
}

/** Expected versus received as a two-row table. */
export function expectationHtml(e: EvidenceOf<'expectation'>): string {
  const rows = [
    `<tr><th>Expected</th><td><pre>${escapeHtml(formatBody(e.expected))}</pre></td></tr>`,
    `<tr><th>Received</th><td><pre>${escapeHtml(formatBody(e.received))}</pre></td></tr>`,
  ];
  if (e.location !== undefined) rows.push(`<tr><th>At</th><td><code>${escapeHtml(e.location)}</code></td></tr>`);
  return `<table class="expect">${rows.join('')}</table>`;
}

/** A sequence diagram drawn as SVG, with its Mermaid source in a collapsed block. */
export function sequenceHtml(seq: TitledSequence): string {
  return [
    `<figure class="figure"><figcaption>${escapeHtml(seq.title)}</figcaption>`,
    renderSequenceSvg(seq.mermaid, seq.title),
    `<details><summary>Mermaid source</summary><pre>${escapeHtml(seq.mermaid)}</pre></details></figure>`,
  ].join('\n');
}

function tableHtml(e: EvidenceOf<'table'>): string {
  const head = `<tr>${e.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = e.rows.map((r) => `<tr>${e.columns.map((_, i) => `<td>${escapeHtml(r[i] ?? '')}</td>`).join('')}</tr>`);
  return `<table><caption>${escapeHtml(e.title)}</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function metricHtml(e: EvidenceOf<'metric'>): string {
  const { text, ok } = metricLine(e);
  const mark = ok === null ? '' : ok ? ' <span class="ok">meets the threshold</span>' : ' <span class="bad">misses the threshold</span>';
  return `<p class="metric">${escapeHtml(text)}${mark}</p>`;
}
