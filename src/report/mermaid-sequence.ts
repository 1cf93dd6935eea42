/**
 * A parser for the subset of Mermaid sequence diagrams the kit writes: participants, solid and
 * dashed messages, notes, `autonumber`, and block keywords (loop/alt/opt/else/end) as dividers.
 */

/** One lifeline. */
export interface Participant {
  /** The id used in messages. */
  readonly id: string;
  /** The label shown in the box (the `as` text, or the id). */
  readonly label: string;
}

/** How a message arrow ends: filled head (`>>`), none (`>`), a cross (`x`) or an open head (`)`). */
export type ArrowHead = 'filled' | 'none' | 'cross' | 'open';

/** One drawn row of a diagram. */
export type SequenceStep =
  | { readonly kind: 'message'; readonly from: string; readonly to: string; readonly text: string; readonly dashed: boolean; readonly head: ArrowHead }
  | { readonly kind: 'note'; readonly position: 'over' | 'left of' | 'right of'; readonly of: readonly string[]; readonly text: string }
  | { readonly kind: 'divider'; readonly text: string };

/** A parsed diagram. */
export interface SequenceDiagram {
  /** Lifelines in order of declaration or first use. */
  readonly participants: Participant[];
  /** Rows in order. */
  readonly steps: SequenceStep[];
  /** Whether messages are numbered (`autonumber`). */
  readonly autonumber: boolean;
  /** Lines that are not part of the supported subset; they are not drawn. */
  readonly unsupported: string[];
}

const PARTICIPANT = /^(?:participant|actor)\s+(\S+?)(?:\s+as\s+(.+))?$/i;
const NOTE = /^note\s+(over|left of|right of)\s+([^:]+?)\s*:\s*(.*)$/i;
const MESSAGE = /^(.+?)\s*(-->>|->>|--x|-x|--\)|-\)|-->|->)\s*[+-]?\s*(.+?)\s*:\s*(.*)$/;
const BLOCK = /^(loop|alt|else|opt|par|and|critical|option|break|rect|end)\b\s*(.*)$/i;
const IGNORED = /^(sequenceDiagram|activate\s|deactivate\s|title\b|box\b|create\s|destroy\s|links?\s)/i;

/** Parses Mermaid sequence-diagram text; never throws: what it cannot read goes to `unsupported`. */
export function parseSequence(text: string): SequenceDiagram {
  const participants: Participant[] = [];
  const steps: SequenceStep[] = [];
  const unsupported: string[] = [];
  let autonumber = false;
  const ensure = (id: string, label = id): void => {
    if (!participants.some((p) => p.id === id)) participants.push({ id, label: decode(label) });
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('%%') || IGNORED.test(line)) continue;
    if (/^autonumber\b/i.test(line)) { autonumber = true; continue; }
    const step = parseLine(line, ensure);
    if (step === undefined) unsupported.push(line);
    else if (step !== null) steps.push(step);
  }
  return { participants, steps, autonumber, unsupported };
}

/** One line: a step, `null` for a declaration, `undefined` when unsupported. */
function parseLine(line: string, ensure: (id: string, label?: string) => void): SequenceStep | null | undefined {
  const participant = PARTICIPANT.exec(line);
  if (participant !== null) {
    ensure(participant[1] ?? '', participant[2] ?? participant[1] ?? '');
    return null;
  }
  const note = NOTE.exec(line);
  if (note !== null) {
    const of = (note[2] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    of.forEach((id) => ensure(id));
    const position = (note[1] ?? 'over').toLowerCase().replace(/\s+/g, ' ') as 'over' | 'left of' | 'right of';
    return { kind: 'note', position, of, text: decode(note[3] ?? '') };
  }
  const message = MESSAGE.exec(line);
  if (message !== null) {
    const [, from = '', arrow = '->>', to = '', label = ''] = message;
    ensure(from);
    ensure(to);
    return { kind: 'message', from, to, text: decode(label), dashed: arrow.startsWith('--'), head: headOf(arrow) };
  }
  const block = BLOCK.exec(line);
  if (block !== null) {
    const keyword = (block[1] ?? '').toLowerCase();
    if (keyword === 'rect') return null;
    return { kind: 'divider', text: decode(keyword === 'end' ? '' : `${keyword} ${block[2] ?? ''}`.trim()) };
  }
  return undefined;
}

function headOf(arrow: string): ArrowHead {
  if (arrow.endsWith('>>')) return 'filled';
  if (arrow.endsWith('x')) return 'cross';
  if (arrow.endsWith(')')) return 'open';
  return 'none';
}

/** Mermaid text escapes: `<br>` for a line break and `#NN;` for a character code. */
function decode(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/#(\d{1,6});/g, (m, code: string) => {
      const n = Number(code);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    })
    .trim();
}
