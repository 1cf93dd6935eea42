/**
 * "Reproduce with" lines for findings: a curl command equivalent to a recorded exchange, without credentials.
 * @packageDocumentation
 */
import type { Exchange } from './exchange.js';

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Builds a curl command for an exchange; credentials are never included, a placeholder marks where they go. */
export function toCurl(e: Exchange, authScheme: 'none' | 'bearer' | 'sigv4' = 'none'): string {
  const parts = ['curl', '-sS', '-X', e.method, shellQuote(e.url)];
  if (authScheme === 'bearer') parts.push('-H', shellQuote('authorization: Bearer $TOKEN'));
  if (authScheme === 'sigv4') parts.push('--aws-sigv4', shellQuote('aws:amz:REGION:SERVICE'), '--user', shellQuote('$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY'));
  if (e.requestBody !== undefined) {
    parts.push('-H', shellQuote('content-type: application/json'));
    const body = typeof e.requestBody === 'string' ? e.requestBody : JSON.stringify(e.requestBody);
    parts.push('--data', shellQuote(body));
  }
  return parts.join(' ');
}
