/**
 * Escaping for every output format the report writers emit: HTML, XML and Markdown.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Escapes text for HTML element content and quoted attribute values: `& < > " ' \``
 * become entities, so no dynamic text can open a tag, close an attribute or start a script.
 */
export function escapeHtml(value: unknown): string {
  return stripInvalidXmlChars(String(value)).replace(/[&<>"'`]/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Removes characters XML 1.0 forbids (C0 controls other than tab, newline and carriage return,
 * lone surrogates, U+FFFE and U+FFFF), which would make junit.xml or inline SVG ill-formed.
 */
export function stripInvalidXmlChars(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** Escapes text for XML content and double- or single-quoted attributes, dropping characters XML cannot carry. */
export function escapeXml(value: unknown): string {
  return stripInvalidXmlChars(String(value))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/**
 * Escapes text for inline Markdown (paragraphs and table cells): neutralises HTML and the
 * characters that start emphasis, links, code or table cells (an underscore only at a word edge,
 * where it could start emphasis), and folds line breaks into spaces.
 */
export function escapeMarkdown(value: unknown): string {
  return stripInvalidXmlChars(String(value))
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*[\]|#!])/g, '\\$1')
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_');
}

/**
 * Wraps text in a Markdown code span, choosing a backtick run longer than any inside the text;
 * `inTable` also escapes `|`, which GitHub-flavoured tables treat as a cell break even in code.
 */
export function markdownCode(value: string, inTable = false): string {
  const oneLine = stripInvalidXmlChars(value).replace(/\r?\n|\r/g, ' ');
  const flat = inTable ? oneLine.replace(/\|/g, '\\|') : oneLine;
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Wraps text in a fenced Markdown code block of `language`, with a fence longer than any backtick run inside. */
export function markdownFence(language: string, text: string): string {
  const body = stripInvalidXmlChars(text).replace(/\s+$/, '');
  const longest = Math.max(0, ...Array.from(body.matchAll(/`{3,}/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}
