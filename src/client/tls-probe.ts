/**
 * Transport security of the candidate's API (governance/SECURITY_AND_OPERATIONAL_EXCELLENCE.md#mandatory-encryption:
 * at least TLS 1.3 between providers): a TLS handshake that records the negotiated protocol and cipher, and the
 * pure rule that turns a target URL and that handshake into a decision. Certificate and key material is read
 * from the configured files and never written anywhere.
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { connect, type ConnectionOptions } from 'node:tls';
import ipaddr from 'ipaddr.js';
import type { ClientTls } from './http.js';

/** What a completed handshake showed. */
export interface TlsHandshake {
  /** Always true. */
  readonly ok: true;
  /** Negotiated protocol as node names it, e.g. `TLSv1.3`; null when unknown. */
  readonly protocol: string | null;
  /** Negotiated cipher suite (OpenSSL or IANA name), null when unknown. */
  readonly cipher: string | null;
  /** Protocol selected by ALPN, or null. */
  readonly alpn: string | null;
  /** True when the server's certificate chain verified against the configured (or system) CAs. */
  readonly authorized: boolean;
  /** Why verification failed (e.g. `SELF_SIGNED_CERT_IN_CHAIN`), or null. */
  readonly authorizationError: string | null;
}

/** A handshake that could not be made. */
export interface TlsProblem {
  /** Always false. */
  readonly ok: false;
  /** One line saying what went wrong (never containing key material). */
  readonly problem: string;
}

/** The result of {@link probeTls}. */
export type TlsProbeResult = TlsHandshake | TlsProblem;

/** Default handshake timeout, milliseconds. */
export const DEFAULT_TLS_TIMEOUT_MS = 5000;

/** The reason given when transport security is not judged for a plain http target on loopback. */
export const LOOPBACK_NOT_ASSESSED = 'transport security was not assessed: the target is plain http on loopback';

function readPem(file: string | null, what: string): { value?: Buffer; problem?: string } {
  if (file === null) return {};
  try {
    return { value: readFileSync(file) };
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : 'unreadable';
    return { problem: `cannot read candidate.tls.${what} (${code}): ${file}` };
  }
}

function connectOptions(url: URL, tls: ClientTls): ConnectionOptions | TlsProblem {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const options: ConnectionOptions = {
    host, port: url.port === '' ? 443 : Number(url.port), ALPNProtocols: ['http/1.1'], rejectUnauthorized: false,
    ...(isIP(host) === 0 ? { servername: host } : {}),
  };
  const files = { ca: readPem(tls.caFile, 'caFile'), cert: readPem(tls.certFile, 'certFile'), key: readPem(tls.keyFile, 'keyFile') };
  for (const f of Object.values(files)) if (f.problem !== undefined) return { ok: false, problem: f.problem };
  return {
    ...options,
    ...(files.ca.value !== undefined ? { ca: files.ca.value } : {}),
    ...(files.cert.value !== undefined ? { cert: files.cert.value } : {}),
    ...(files.key.value !== undefined ? { key: files.key.value } : {}),
  };
}

function authorizationCode(error: unknown): string | null {
  if (error === undefined || error === null) return null;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}

/**
 * Opens a TLS connection to the host and port of an `https` URL (SNI for host names, ALPN `http/1.1`, the
 * configured CA bundle and mTLS client certificate), records what was negotiated and closes it. It never throws:
 * a refused connection, a failed handshake or a timeout (default {@link DEFAULT_TLS_TIMEOUT_MS} ms) is a problem.
 * The server certificate is verified but a failure is recorded, not fatal, so that the protocol is still seen.
 */
export function probeTls(url: string, tls: ClientTls, timeoutMs = DEFAULT_TLS_TIMEOUT_MS): Promise<TlsProbeResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, problem: `not a URL: ${url}` });
  }
  if (target.protocol !== 'https:') return Promise.resolve({ ok: false, problem: `not an https URL: ${target.origin}` });
  const options = connectOptions(target, tls);
  if ('ok' in options) return Promise.resolve(options);
  return new Promise((resolve) => {
    const socket = connect(options);
    const finish = (r: TlsProbeResult): void => {
      clearTimeout(timer);
      if (r.ok) {
        // end, not destroy: the client's certificate and Finished still reach the server, then the socket closes.
        socket.end();
        setTimeout(() => socket.destroy(), 1000).unref();
      } else {
        socket.destroy();
      }
      resolve(r);
    };
    const timer = setTimeout(() => finish({ ok: false, problem: `no TLS handshake with ${target.host} within ${timeoutMs} ms` }), timeoutMs);
    socket.once('secureConnect', () => {
      const cipher = socket.getCipher();
      const alpn = socket.alpnProtocol;
      const error = socket.authorizationError;
      finish({
        ok: true, protocol: socket.getProtocol(), cipher: cipher.standardName ?? cipher.name ?? null,
        alpn: typeof alpn === 'string' ? alpn : null, authorized: socket.authorized,
        authorizationError: authorizationCode(error),
      });
    });
    socket.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, problem: `TLS handshake with ${target.host} failed: ${err.code ?? err.message}` }));
  });
}

/** True for loopback hosts: `localhost` (and `*.localhost`), 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (!ipaddr.isValid(host) || isIP(host) === 0) return false;
  const addr = ipaddr.process(host);
  return addr.range() === 'loopback';
}

/** True when a protocol name such as `TLSv1.3` is TLS 1.3 or newer. */
export function atLeastTls13(protocol: string | null): boolean {
  const m = /^TLSv(\d+)(?:\.(\d+))?$/.exec(protocol ?? '');
  if (m === null) return false;
  const major = Number(m[1]);
  const minor = Number(m[2] ?? '0');
  return major > 1 || (major === 1 && minor >= 3);
}

/** How a target's transport security is judged: passed, failed, not applicable, or not measured (skipped). */
export type TransportDecision =
  | { readonly outcome: 'pass'; readonly summary: string }
  | { readonly outcome: 'fail'; readonly summary: string }
  | { readonly outcome: 'na'; readonly summary: string }
  | { readonly outcome: 'skip'; readonly summary: string };

/** What the kit must do before deciding: probe an https target, or nothing for plain http. */
export function needsProbe(url: string): boolean {
  return URL.canParse(url) && new URL(url).protocol === 'https:';
}

/**
 * Decides CC-SEC-001 for a target: https passes only with TLS 1.3 or newer; plain http on loopback is not
 * applicable ({@link LOOPBACK_NOT_ASSESSED}); plain http anywhere else fails; an https target whose handshake
 * could not be made is not measured.
 */
export function decideTransport(url: string, probe: TlsProbeResult | null): TransportDecision {
  if (!URL.canParse(url)) return { outcome: 'fail', summary: `the target ${url} is not a URL` };
  const target = new URL(url);
  if (target.protocol === 'http:') {
    return isLoopbackHost(target.hostname)
      ? { outcome: 'na', summary: LOOPBACK_NOT_ASSESSED }
      : { outcome: 'fail', summary: `the candidate's API at ${target.origin} is plain http, without TLS, on a non-loopback host` };
  }
  if (target.protocol !== 'https:') return { outcome: 'fail', summary: `the target's scheme ${target.protocol} is neither https nor http` };
  if (probe === null || !probe.ok) return { outcome: 'skip', summary: `the kit could not measure the TLS version: ${probe?.problem ?? 'no handshake was attempted'}` };
  const seen = `${probe.protocol ?? 'an unknown protocol'}${probe.cipher !== null ? ` with ${probe.cipher}` : ''}`;
  return atLeastTls13(probe.protocol)
    ? { outcome: 'pass', summary: `the candidate's API negotiated ${seen}` }
    : { outcome: 'fail', summary: `the candidate's API negotiated ${seen}, below TLS 1.3` };
}

/** What the kit saw of a target's transport, as rows of a report table (file paths and key material left out). */
export function transportTable(url: string, tls: ClientTls, probe: TlsProbeResult | null): { kind: 'table'; title: string; columns: string[]; rows: string[][] } {
  const target = URL.canParse(url) ? new URL(url) : null;
  const rows: string[][] = [
    ['target', target?.origin ?? url],
    ['scheme', target?.protocol.replace(':', '') ?? 'unknown'],
    ['loopback host', target !== null && isLoopbackHost(target.hostname) ? 'yes' : 'no'],
    ['CA bundle', tls.caFile !== null ? 'configured' : 'system default'],
    ['mTLS client certificate', tls.certFile !== null && tls.keyFile !== null ? 'presented' : 'none'],
  ];
  if (probe !== null && probe.ok) {
    rows.push(['protocol', probe.protocol ?? 'unknown'], ['cipher', probe.cipher ?? 'unknown'], ['ALPN', probe.alpn ?? 'none'],
      ['server certificate verified', probe.authorized ? 'yes' : `no (${probe.authorizationError ?? 'unknown reason'})`]);
  } else if (probe !== null) {
    rows.push(['handshake', probe.problem]);
  } else {
    rows.push(['handshake', 'not attempted (plain http)']);
  }
  return { kind: 'table', title: `Transport to ${target?.origin ?? url}`, columns: ['property', 'value'], rows };
}
