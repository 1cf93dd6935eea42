/**
 * The preflight: before judging anything, check that the setup lets the kit judge at all. Problems found
 * here are configuration errors (exit 2), never conformance failures.
 * @packageDocumentation
 */
import type { CoordinatorApi, Exchange, HooksApi } from '../client/index.js';
import { CtkError } from '../errors/index.js';
import type { HookName } from './context.js';
import { discover } from './discovery.js';
import { primaryEnvironment, type Topology } from './topology.js';

/** One preflight check and what it found. */
export interface PreflightItem {
  /** What was checked. */
  readonly check: string;
  /** Whether it is fine. */
  readonly ok: boolean;
  /** What was found, or what to fix. */
  readonly detail: string;
  /** A failed blocking item stops the run (exit 2). */
  readonly blocking: boolean;
}

/** The preflight's outcome. */
export interface PreflightResult {
  /** Every check. */
  readonly items: readonly PreflightItem[];
  /** Hooks that answered. */
  readonly hooksPresent: ReadonlySet<HookName>;
  /** Discovered static resources. */
  readonly topology: Topology;
}

/** What the preflight needs. */
export interface PreflightInput {
  /** The candidate's API as the kit's provider. */
  readonly api: CoordinatorApi;
  /** The candidate's hooks, when configured. */
  readonly hooks: HooksApi | null;
  /** The kit's provider id. */
  readonly kitProviderId: string;
  /** The URL the candidate should use for the kit's peer API. */
  readonly peerBaseUrl: string;
  /** Whether SigV4 is used (clock skew matters). */
  readonly sigv4: boolean;
  /** The candidate's calls the kit's peer API refused for their credentials so far, as `operation: why` (none when not given). */
  readonly peerAuthRefusals?: () => readonly string[];
}

const MAX_SKEW_MS = 5 * 60 * 1000;

function firstLine(e: Exchange): string {
  return e.status === 0 ? (e.transportError ?? 'no answer') : `HTTP ${e.status}`;
}

function reachability(first: Exchange, baseUrl: string): void {
  if (first.status === 0) throw new CtkError('CTK_ERR_TARGET_UNREACHABLE', `cannot reach the candidate at ${baseUrl}: ${first.transportError ?? 'no answer'}; check candidate.baseUrl and that the service is running`);
  if (first.status === 401 || first.status === 403) throw new CtkError('CTK_ERR_AUTH', `the candidate refused the kit's credentials (${firstLine(first)} on ${first.url}); check candidate.auth`);
  if (first.responseNotJson === true || first.status >= 500 || first.status === 404) {
    throw new CtkError('CTK_ERR_TARGET_NOT_CC', `${first.url} answered ${firstLine(first)}${first.responseNotJson === true ? ' with a body that is not JSON' : ''}; candidate.baseUrl must be the root under which /providers/... is served`);
  }
}

/** Probes each hook with an invalid body (refused without side effects); a missing route answers 404/405/501 without a `{reason}` body. */
async function probeHooks(hooks: HooksApi, items: PreflightItem[]): Promise<Set<HookName>> {
  const present = new Set<HookName>();
  const probes: Array<[HookName, () => Promise<Exchange>]> = [
    ['activation-keys', () => hooks.issueActivationKey('', 0, '')],
    ['accepted-keys', () => hooks.acceptKey('', '')],
    ['update-connection', () => hooks.changeBandwidth('ctk-preflight-probe', -1)],
    ['delete-connection', () => hooks.deleteConnection('ctk-preflight-probe')],
    ['macsec-rotations', () => hooks.rotateMacsec('')],
    ['maintenance-events', () => hooks.scheduleMaintenance('', '', '')],
  ];
  for (const [name, probe] of probes) {
    const e = await probe();
    const hasReason = typeof e.responseBody === 'object' && e.responseBody !== null && 'reason' in e.responseBody;
    const absent = e.status === 0 || e.status === 405 || e.status === 501 || (e.status === 404 && !hasReason);
    if (!absent) present.add(name);
    items.push({ check: `hook ${name}`, ok: !absent, detail: absent ? `absent (${firstLine(e)}): scenarios that need it are skipped` : `present (${firstLine(e)} to an empty probe)`, blocking: false });
  }
  return present;
}

/** Runs every preflight check; throws a coded user error listing what to fix when a blocking check fails. */
export async function preflight(input: PreflightInput): Promise<PreflightResult> {
  const items: PreflightItem[] = [];
  const first = await input.api.getProvider();
  reachability(first, input.api.http.baseUrl);
  items.push({ check: 'candidate reachable', ok: true, detail: `${first.url} answered ${firstLine(first)}`, blocking: true });
  const date = first.responseHeaders['date'];
  if (input.sigv4 && date !== undefined) {
    const skew = Math.abs(Date.parse(date) - Date.now());
    if (skew > MAX_SKEW_MS) throw new CtkError('CTK_ERR_CLOCK_SKEW', `the candidate's clock differs from this machine's by ${Math.round(skew / 1000)} s; SigV4 allows 300 s`);
    items.push({ check: 'clock skew', ok: true, detail: `${Math.round(skew / 1000)} s`, blocking: true });
  }
  let hooksPresent = new Set<HookName>();
  if (input.hooks === null) {
    items.push({ check: 'hooks', ok: false, detail: 'candidate.hooksUrl is not set: every scenario that needs a customer action is skipped', blocking: false });
  } else {
    const peer = await input.hooks.putPeer(input.kitProviderId, input.peerBaseUrl);
    const reason = typeof peer.responseBody === 'object' && peer.responseBody !== null ? String((peer.responseBody as Record<string, unknown>)['reason'] ?? '') : '';
    const refused = input.peerAuthRefusals?.() ?? [];
    if (peer.status === 502 && refused.length > 0) {
      throw new CtkError('CTK_ERR_PEER_AUTH', `the candidate reached the kit's peer API but its credentials were refused (${refused[0] ?? ''}); give your staging the credentials kit.peerAuth names`);
    }
    if (peer.status === 502) throw new CtkError('CTK_ERR_PEER_UNREACHABLE', `the candidate could not reach the kit's peer API at ${input.peerBaseUrl}${reason !== '' ? `: ${reason}` : ''}; set kit.peerBaseUrl to an address the candidate can reach`);
    const ok = peer.status >= 200 && peer.status <= 299;
    if (!ok) throw new CtkError('CTK_ERR_PREFLIGHT', `the candidate's PUT /peer hook answered ${firstLine(peer)}; it must answer 204 after reaching ${input.peerBaseUrl}`);
    hooksPresent = await probeHooks(input.hooks, items);
    hooksPresent.add('peer');
    items.push({ check: 'candidate reaches the kit (PUT /peer)', ok: true, detail: `${firstLine(peer)}: the candidate reached ${input.peerBaseUrl}`, blocking: true });
  }
  const { topology, problems } = await discover(input.api);
  const env = primaryEnvironment(topology);
  items.push({
    check: 'static resources', ok: env !== undefined,
    detail: env !== undefined ? `environment ${env.id} with ${env.interconnects.length} interconnect(s)` : `no environment with an ACTIVE interconnect that has channels${problems.length > 0 ? ` (${problems.join('; ')})` : ''}`,
    blocking: true,
  });
  const failed = items.filter((i) => i.blocking && !i.ok);
  if (failed.length > 0) throw new CtkError('CTK_ERR_PREFLIGHT', 'the candidate is not set up for a certification run', failed.map((f) => `${f.check}: ${f.detail}`));
  return { items, hooksPresent, topology };
}
