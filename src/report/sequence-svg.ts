/**
 * Draws a Mermaid sequence diagram (the subset {@link parseSequence} reads) as inline SVG, so the
 * HTML report shows conversations with no script and no network access.
 */
import { escapeHtml } from './escape.js';
import { parseSequence, type ArrowHead, type SequenceDiagram, type SequenceStep } from './mermaid-sequence.js';

export { parseSequence, type SequenceDiagram, type SequenceStep } from './mermaid-sequence.js';

const CHAR_W = 7;
const LINE_H = 15;
const MARGIN = 16;
const BOX_H = 32;
const MIN_GAP = 150;
const MAX_TEXT = 90;
const INK = '#1f2933';
const MUTED = '#616e7c';

interface Layout {
  readonly x: ReadonlyMap<string, number>;
  readonly boxW: ReadonlyMap<string, number>;
  readonly width: number;
}

/** Estimated width in pixels of a text at the diagram's font size. */
function textWidth(text: string): number {
  return Math.max(...lines(text).map((l) => l.length), 0) * CHAR_W;
}

/** The text split into lines, each cut to a readable length. */
function lines(text: string): string[] {
  return text.split('\n').map((l) => (l.length > MAX_TEXT ? `${l.slice(0, MAX_TEXT - 1)}…` : l));
}

/**
 * Renders Mermaid sequence-diagram text as an `<svg>` element: participant boxes at top and
 * bottom, dashed lifelines, solid calls and dashed replies with arrow heads, notes and block
 * dividers. `title` becomes the accessible name. Unsupported lines are listed under the drawing.
 */
export function renderSequenceSvg(mermaid: string, title: string): string {
  return drawSequence(parseSequence(mermaid), title);
}

/** Renders an already parsed diagram; see {@link renderSequenceSvg}. */
export function drawSequence(diagram: SequenceDiagram, title: string): string {
  const layout = layOut(diagram);
  const body: string[] = [];
  let y = MARGIN + BOX_H + 24;
  let n = 0;
  for (const step of diagram.steps) {
    const label = step.kind === 'message' && diagram.autonumber ? `${++n}. ${step.text}` : step.kind === 'message' ? step.text : '';
    const drawn = drawStep(step, label, y, layout);
    body.push(drawn.svg);
    y += drawn.height;
  }
  if (diagram.unsupported.length > 0) {
    body.push(text(MARGIN, y + 4, `${diagram.unsupported.length} line(s) of the diagram are not drawn; see the Mermaid source.`, 'start', MUTED));
    y += 20;
  }
  const bottom = y + 8;
  const height = bottom + BOX_H + MARGIN;
  const heads = diagram.participants.flatMap((p) => [
    participantBox(p.label, layout.x.get(p.id) ?? 0, layout.boxW.get(p.id) ?? 0, MARGIN),
    participantBox(p.label, layout.x.get(p.id) ?? 0, layout.boxW.get(p.id) ?? 0, bottom),
    `<line x1="${layout.x.get(p.id) ?? 0}" y1="${MARGIN + BOX_H}" x2="${layout.x.get(p.id) ?? 0}" y2="${bottom}" stroke="${MUTED}" stroke-dasharray="4 4"/>`,
  ]);
  return [
    `<svg class="sequence" role="img" aria-label="${escapeHtml(title)}" width="${layout.width}" height="${height}" viewBox="0 0 ${layout.width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeHtml(title)}</title>`,
    ...heads,
    ...body,
    '</svg>',
  ].join('\n');
}

function layOut(diagram: SequenceDiagram): Layout {
  const ids = diagram.participants.map((p) => p.id);
  const boxW = new Map(diagram.participants.map((p) => [p.id, Math.max(90, textWidth(p.label) + 24)] as const));
  const gaps = ids.slice(1).map((id, i) => Math.max(MIN_GAP, ((boxW.get(ids[i] ?? '') ?? 0) + (boxW.get(id) ?? 0)) / 2 + 24));
  for (const step of diagram.steps) {
    if (step.kind !== 'message') continue;
    const [a, b] = [ids.indexOf(step.from), ids.indexOf(step.to)].sort((p, q) => p - q) as [number, number];
    if (a === b) continue;
    const need = textWidth(step.text) + 40 - gaps.slice(a, b).reduce((s, g) => s + g, 0);
    if (need > 0) gaps[b - 1] = (gaps[b - 1] ?? 0) + need;
  }
  const x = new Map<string, number>();
  let cursor = MARGIN + (boxW.get(ids[0] ?? '') ?? 0) / 2;
  ids.forEach((id, i) => {
    if (i > 0) cursor += gaps[i - 1] ?? MIN_GAP;
    x.set(id, cursor);
  });
  const lastW = boxW.get(ids[ids.length - 1] ?? '') ?? 0;
  const notesRight = Math.max(0, ...diagram.steps.map((s) => (s.kind === 'note' ? noteRight(s, x) : 0)));
  const selfRight = Math.max(0, ...diagram.steps.map((s) => (s.kind === 'message' && s.from === s.to ? (x.get(s.from) ?? 0) + 40 + textWidth(s.text) : 0)));
  const width = Math.ceil(Math.max(cursor + lastW / 2, notesRight, selfRight, 200) + MARGIN);
  return { x, boxW, width };
}

function noteRight(step: Extract<SequenceStep, { kind: 'note' }>, x: ReadonlyMap<string, number>): number {
  return noteBox(step, x).left + noteBox(step, x).width;
}

function noteBox(step: Extract<SequenceStep, { kind: 'note' }>, x: ReadonlyMap<string, number>): { left: number; width: number } {
  const xs = step.of.map((id) => x.get(id) ?? 0);
  const w = textWidth(step.text) + 16;
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  if (step.position === 'right of') return { left: hi + 12, width: w };
  if (step.position === 'left of') return { left: Math.max(2, lo - 12 - w), width: w };
  const span = Math.max(w, hi - lo + 40);
  return { left: Math.max(2, (lo + hi) / 2 - span / 2), width: span };
}

function drawStep(step: SequenceStep, label: string, y: number, layout: Layout): { svg: string; height: number } {
  const extra = (lines(step.text).length - 1) * LINE_H;
  if (step.kind === 'note') {
    const box = noteBox(step, layout.x);
    const h = 22 + extra;
    const svg = `<rect x="${box.left}" y="${y - 14}" width="${box.width}" height="${h}" fill="#fff8c5" stroke="#d4a72c"/>\n`
      + multiline(box.left + box.width / 2, y + 1, step.text, 'middle', INK);
    return { svg, height: h + 14 };
  }
  if (step.kind === 'divider') {
    const line = `<line x1="${MARGIN}" y1="${y}" x2="${layout.width - MARGIN}" y2="${y}" stroke="${MUTED}" stroke-dasharray="2 3"/>`;
    return { svg: step.text === '' ? line : `${line}\n${text(MARGIN + 4, y - 4, step.text, 'start', MUTED)}`, height: 26 };
  }
  const x1 = layout.x.get(step.from) ?? 0;
  const x2 = layout.x.get(step.to) ?? 0;
  const dash = step.dashed ? ' stroke-dasharray="6 4"' : '';
  if (x1 === x2) {
    const ly = y + extra;
    const path = `<path d="M${x1} ${ly} h30 v18 h-28" fill="none" stroke="${INK}"${dash}/>`;
    return { svg: `${multiline(x1 + 36, y - 2, label, 'start', INK)}\n${path}\n${arrowHead(x1 + 2, ly + 18, -1, step.head)}`, height: 44 + extra };
  }
  const ly = y + 6 + extra;
  const direction = x2 > x1 ? 1 : -1;
  const svg = `${multiline((x1 + x2) / 2, y - 2, label, 'middle', INK)}\n`
    + `<line x1="${x1}" y1="${ly}" x2="${x2 - direction * 2}" y2="${ly}" stroke="${INK}"${dash}/>\n${arrowHead(x2, ly, direction, step.head)}`;
  return { svg, height: 34 + extra };
}

function arrowHead(x: number, y: number, direction: number, head: ArrowHead): string {
  const back = x - direction * 9;
  if (head === 'filled') return `<polygon points="${x},${y} ${back},${y - 4} ${back},${y + 4}" fill="${INK}"/>`;
  if (head === 'open') return `<path d="M${back} ${y - 4} L${x} ${y} L${back} ${y + 4}" fill="none" stroke="${INK}"/>`;
  if (head === 'cross') return `<path d="M${x - 4} ${y - 4} l8 8 M${x - 4} ${y + 4} l8 -8" stroke="${INK}"/>`;
  return '';
}

function participantBox(label: string, cx: number, w: number, y: number): string {
  return `<rect x="${cx - w / 2}" y="${y}" width="${w}" height="${BOX_H}" rx="4" fill="#e8eef7" stroke="#4a6fa5"/>\n`
    + multiline(cx, y + BOX_H / 2 + 4 - ((lines(label).length - 1) * LINE_H) / 2, label, 'middle', INK);
}

function multiline(x: number, y: number, value: string, anchor: 'start' | 'middle', fill: string): string {
  const ls = lines(value);
  if (ls.length <= 1) return text(x, y, ls[0] ?? '', anchor, fill, value);
  const spans = ls.map((l, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : LINE_H}">${escapeHtml(l)}</tspan>`).join('');
  return `<text x="${x}" y="${y}" text-anchor="${anchor}" fill="${fill}">${spans}</text>`;
}

function text(x: number, y: number, value: string, anchor: 'start' | 'middle', fill: string, full = value): string {
  const tip = full.length > MAX_TEXT ? `<title>${escapeHtml(full)}</title>` : '';
  return `<text x="${x}" y="${y}" text-anchor="${anchor}" fill="${fill}">${tip}${escapeHtml(value)}</text>`;
}
