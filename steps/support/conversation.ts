/**
 * The candidate's conversation with the kit about the key the kit issued in a scenario: its calls to the kit's
 * peer API, the proposals among them and where it placed the connection. Shared by the negotiator steps.
 * @packageDocumentation
 */
import { checkFeatureAgainstGuidance, type GuidanceRule, type L3BaseConfig, type L3BaseGuidance, type NegotiatorCall } from '../../src/checks/index.js';
import type { PeerCall } from '../../src/peer/index.js';
import { note, peerCallEvidence } from '../../src/runner/evidence.js';
import type { Evidence } from '../../src/report/schema.js';
import { fieldOf } from './body.js';
import type { CtkWorld } from './world.js';

/** Narrow guidance the kit gives so that a negotiator that ignores it is caught. */
export const NARROW: L3BaseGuidance = {
  asnRanges: [{ start: 64700, stop: 64710 }],
  ipv4SubnetGuidance: [{ includeSubnet: '169.254.200.0/24', excludeSubnets: ['169.254.200.0/26'] }],
  ipv4AllowedSubnetPrefixLengths: [30],
  vlanRanges: [{ start: 3000, stop: 3099 }],
  mtuRanges: [{ start: 1500, stop: 9000 }],
};

/** Requirements whose failure earlier in a negotiator scenario explains a missing or wrong proposal. */
export const PROPOSAL_ROOT_CAUSES = ['CC-AK-020', 'CC-NEG-041', 'CC-NEG-042'] as const;

/** The key the kit issued in this scenario; a missing one is a bug in the feature file. */
export function issued(w: CtkWorld): NonNullable<CtkWorld['issued']> {
  if (w.issued === undefined) throw new Error('internal: the kit issued no key in this scenario');
  return w.issued;
}

/** The candidate's calls to the kit since the scenario's mark that concern the issued key. */
export function conversation(w: CtkWorld): PeerCall[] {
  // ConfirmActivationKey carries no connection id, so every confirmation since the mark belongs to the conversation.
  const { uuid } = issued(w);
  return w.ctx.peer.calls(w.mark).filter((c) => c.params['connection'] === uuid || c.query['connectionId'] === uuid || c.operation === 'ConfirmActivationKey');
}

/** Evidence for the first `limit` peer calls. */
export function callEvidence(w: CtkWorld, calls: readonly PeerCall[], limit = 6): Evidence[] {
  return calls.slice(0, limit).map((c) => peerCallEvidence(c, w.ctx.peer.baseUrl));
}

/** One proposal the candidate sent the kit: the call, its L3 configuration and the channel id it names. */
export interface Proposal {
  /** The CreateFeature call. */
  readonly call: PeerCall;
  /** Its l3BaseConfig ({} when absent). */
  readonly config: L3BaseConfig;
  /** Channel id (last segment of `channel`). */
  readonly channel: string;
}

/** The candidate's proposals in the conversation, in order. */
export function proposals(w: CtkWorld): Proposal[] {
  return conversation(w).filter((c) => c.operation === 'CreateFeature').map((call) => {
    const l3 = fieldOf(fieldOf(call.body, 'featureConfig'), 'l3BaseConfig');
    return { call, config: (typeof l3 === 'object' && l3 !== null ? l3 : {}) as L3BaseConfig, channel: String(fieldOf(call.body, 'channel') ?? '').split('/').pop() ?? '' };
  });
}

/** Where the candidate placed the connection at the kit (its accepted CreateConnection), or the key's environment alone. */
export function placedRef(w: CtkWorld): { env: string; ix: string } {
  const create = conversation(w).find((c) => c.operation === 'CreateConnection' && c.status >= 200 && c.status <= 299);
  return { env: create?.params['environment'] ?? issued(w).env, ix: create?.params['interconnect'] ?? '' };
}

/** A peer call as the pure negotiator checks take it. */
export function asNegotiatorCall(c: PeerCall): NegotiatorCall {
  return { seq: c.seq, operation: c.operation, status: c.status, params: c.params, ...(c.body !== undefined ? { body: c.body } : {}) };
}

/** Judges requirement `id`: every proposal keeps the guidance rules `rules` of {@link NARROW} (`what` names them in the summary). */
export function judgeGuidanceRule(w: CtkWorld, id: string, rules: readonly GuidanceRule[], what: string): void {
  const ps = proposals(w);
  const bad = ps.map((p) => ({ p, v: checkFeatureAgainstGuidance(p.config, NARROW, [], { responderProvider: `providers/${w.ctx.peer.providerId}` }).filter((x) => rules.includes(x.rule)) })).filter((x) => x.v.length > 0);
  w.judge(id, ps.length > 0 && bad.length === 0, ps.length === 0 ? 'the candidate proposed no feature' : `${bad.length} proposal(s) break the kit's guidance on ${what}: ${bad[0]?.v.map((v) => v.detail).join('; ') ?? ''}`,
    [...callEvidence(w, bad.length > 0 ? bad.map((b) => b.p.call) : ps.map((p) => p.call), 3), note(`kit guidance: ${JSON.stringify(NARROW)}`)], { rootCauses: PROPOSAL_ROOT_CAUSES });
}

/**
 * After the customer entered a key the candidate should refuse: when its hook accepted the key (2xx), watches the
 * quiet period for a call matching `forbidden` (returning as soon as one arrives). A hook that refused the key at
 * once (4xx) told the customer no: nothing is waited for, the calls made so far are judged.
 */
export async function watchAfterRefusal(w: CtkWorld, forbidden: (c: PeerCall) => boolean): Promise<void> {
  const entry = w.observed.at(-1);
  if (entry === undefined || entry.status < 200 || entry.status > 299) return;
  await w.ctx.peer.waitForCall(forbidden, w.ctx.quietMs, w.mark);
}
