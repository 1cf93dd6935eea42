/**
 * Sequence diagrams of the conversation between the kit and the candidate, as Mermaid text.
 * @packageDocumentation
 */
import type { Exchange } from '../client/index.js';

const MAX_ARROWS = 80;

function label(e: Exchange): string {
  const op = e.operation.startsWith('hook:') ? `customer action ${e.operation.slice(5)}` : e.operation;
  return op.replace(/[;#:]/g, ' ');
}

function answer(e: Exchange): string {
  return e.status === 0 ? 'no answer' : `${e.status}`;
}

/** Mermaid `sequenceDiagram` text for the exchanges, in order: kit calls and the candidate's calls to the kit. */
export function toMermaid(exchanges: readonly Exchange[], kit: string, candidate: string): string {
  const lines = ['sequenceDiagram', `participant K as Kit (${kit})`, `participant C as Candidate (${candidate})`];
  const shown = exchanges.slice(0, MAX_ARROWS);
  for (const e of shown) {
    const [from, to] = e.direction === 'kit' ? ['K', 'C'] : ['C', 'K'];
    lines.push(`${from}->>${to}: ${label(e)}`, `${to}-->>${from}: ${answer(e)}`);
  }
  if (exchanges.length > shown.length) lines.push(`Note over K,C: ${exchanges.length - shown.length} more exchanges not drawn`);
  return lines.join('\n');
}
