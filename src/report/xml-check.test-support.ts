/**
 * A tiny strict XML reader for tests: enough to prove junit.xml is well-formed (balanced tags,
 * quoted attributes, only known entities, one root) and to walk what it holds. Not a test file.
 */

/** One parsed element. */
export interface XmlElement {
  /** Tag name. */
  readonly name: string;
  /** Attributes, entity-decoded. */
  readonly attrs: Record<string, string>;
  /** Child elements in order. */
  readonly children: XmlElement[];
  /** Concatenated text content directly inside, entity-decoded. */
  text: string;
}

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const NAME = /^[A-Za-z_][\w.-]*$/;

function decode(raw: string, where: string): string {
  const stripped = raw.replace(ENTITY, '');
  if (stripped.includes('&') || stripped.includes('<')) throw new Error(`bad character data in ${where}: ${raw.slice(0, 80)}`);
  return raw.replace(ENTITY, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e in named) return named[e] ?? '';
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

function parseAttrs(raw: string, tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const rest = raw.replace(/\s+([A-Za-z_][\w.:-]*)="([^"]*)"/g, (_, k: string, v: string) => {
    if (k in attrs) throw new Error(`duplicate attribute ${k} on <${tag}>`);
    attrs[k] = decode(v, `attribute ${k} of <${tag}>`);
    return '';
  });
  if (rest.trim() !== '') throw new Error(`malformed attributes on <${tag}>: ${rest.slice(0, 80)}`);
  return attrs;
}

/** Parses an XML document or throws saying what is malformed. */
export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let pos = 0;
  for (const m of body.matchAll(/<([^>]*)>/g)) {
    const text = body.slice(pos, m.index);
    pos = (m.index ?? 0) + m[0].length;
    const top = stack[stack.length - 1];
    if (top !== undefined) top.text += decode(text, `<${top.name}>`);
    else if (text.trim() !== '') throw new Error(`text outside the root element: ${text.slice(0, 40)}`);
    const inner = m[1] ?? '';
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim();
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = inner.endsWith('/');
    const content = selfClosing ? inner.slice(0, -1) : inner;
    const name = /^\S+/.exec(content)?.[0] ?? '';
    if (!NAME.test(name)) throw new Error(`bad tag name <${name}>`);
    const el: XmlElement = { name, attrs: parseAttrs(content.slice(name.length), name), children: [], text: '' };
    if (top !== undefined) top.children.push(el);
    else if (root === undefined) root = el;
    else throw new Error('more than one root element');
    if (!selfClosing) stack.push(el);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]?.name ?? ''}>`);
  if (body.slice(pos).trim() !== '') throw new Error('text after the root element');
  if (root === undefined) throw new Error('no root element');
  return root;
}

/** Every element named `name` below `el`, depth first. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...findAll(c, name)]);
}
