/**
 * Reading fields of JSON answers defensively, for steps that judge bodies of any shape.
 * @packageDocumentation
 */

/** The body of an answer as an object ({} when it is not one). */
export function objectOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** Field `name` of an answer's body (undefined when the body is not an object). */
export function fieldOf(body: unknown, name: string): unknown {
  return objectOf(body)[name];
}

/** The array under `name` in an answer's body ([] when absent or not an array). */
export function listOf(body: unknown, name: string): unknown[] {
  const v = fieldOf(body, name);
  return Array.isArray(v) ? v : [];
}
