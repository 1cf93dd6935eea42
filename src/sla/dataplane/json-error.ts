/**
 * Locating a JSON syntax error: Node's JSON.parse says what is wrong but, since V8 11, not where. A small
 * recursive-descent scan finds the offset of the first character that cannot continue valid JSON.
 */

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/;
const STRING = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/;

/** Thrown inside the scan with the failing offset. */
class At {
  constructor(readonly offset: number) {}
}

function scanner(text: string): { value(i: number): number; ws(i: number): number } {
  const ws = (i: number): number => { let j = i; while (j < text.length && WS.has(text[j] ?? '')) j += 1; return j; };
  const token = (i: number, re: RegExp): number => {
    const m = re.exec(text.slice(i, i + 100_000));
    if (m === null) throw new At(i);
    return i + m[0].length;
  };
  const list = (i: number, close: string, item: (j: number) => number): number => {
    let j = ws(i + 1);
    if (text[j] === close) return j + 1;
    for (;;) {
      j = ws(item(ws(j)));
      if (text[j] === close) return j + 1;
      if (text[j] !== ',') throw new At(j);
      j += 1;
    }
  };
  const value = (i: number): number => {
    const c = text[i];
    if (c === '{') {
      return list(i, '}', (j) => {
        if (text[j] !== '"') throw new At(j);
        const k = ws(token(j, STRING));
        if (text[k] !== ':') throw new At(k);
        return value(ws(k + 1));
      });
    }
    if (c === '[') return list(i, ']', (j) => value(j));
    if (c === '"') return token(i, STRING);
    for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, i)) return i + lit.length;
    return token(i, NUMBER);
  };
  return { value, ws };
}

/** Offset of the first JSON syntax error in `text`, or undefined when it is valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  const s = scanner(text);
  try {
    const end = s.ws(s.value(s.ws(0)));
    return end === text.length ? undefined : end;
  } catch (err) {
    if (err instanceof At) return err.offset;
    throw err;
  }
}

/** `line L, column C` of a character offset. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}
