/**
 * Judging the candidate's proposals beyond the guidance: the BGP sessions they describe (CC-NEG-050) and VLANs
 * already in use on a channel (CC-NEG-068). The rules themselves are pure checks in src/checks.
 * @packageDocumentation
 */
import { bgpConfigProblems, vlanReuse, type VlanOnChannel } from '../../src/checks/index.js';
import type { Exchange } from '../../src/client/index.js';
import { expectation } from '../../src/runner/evidence.js';
import { fieldOf } from './body.js';
import { callEvidence, placedRef, proposals, PROPOSAL_ROOT_CAUSES } from './conversation.js';
import type { CtkWorld } from './world.js';

const IN_USE = 'vlan-in-use:';

/** Remembers the kit's accepted proposal of another connection on interconnect `ix`, whose VLAN is then in use on its channel. */
export function recordVlanInUse(w: CtkWorld, ix: string, proposal: Exchange): void {
  w.seen.set(`${IN_USE}${ix}`, proposal);
}

function inUseOn(w: CtkWorld, ix: string): { use: VlanOnChannel; exchange: Exchange } | undefined {
  const exchange = w.seen.get(`${IN_USE}${ix}`);
  if (exchange === undefined) return undefined;
  const vlan = fieldOf(fieldOf(fieldOf(exchange.requestBody, 'featureConfig'), 'l3BaseConfig'), 'vlanId');
  const channel = String(fieldOf(exchange.requestBody, 'channel') ?? '').split('/').pop() ?? '';
  return { use: { channel, vlanId: typeof vlan === 'number' ? vlan : undefined }, exchange };
}

/** Judges CC-NEG-068: on the interconnect the candidate chose, no proposal takes the VLAN another connection uses on its channel. */
export function judgeVlansFree(w: CtkWorld): void {
  const ix = placedRef(w).ix;
  const held = inUseOn(w, ix);
  if (held === undefined) {
    w.notApplicable('CC-NEG-068', `the kit holds no other connection with a VLAN in use on ${ix || 'the interconnect the candidate chose'} (the setup needs the activation-keys hook and a guided VLAN of the kit's range)`);
    return;
  }
  const ps = proposals(w).filter((p) => p.call.params['interconnect'] === ix);
  const found = vlanReuse(ps.map((p) => ({ channel: p.channel, vlanId: p.config.vlanId })), [held.use]);
  const reused = ps.filter((p) => found.reused.some((r) => r.channel === p.channel && r.vlanId === p.config.vlanId));
  const summary = reused.length > 0
    ? `${reused.length} proposal(s) took VLAN ${String(held.use.vlanId)}, already in use on ${held.use.channel}`
    : `the candidate proposed nothing on ${found.unproposed.join(', ')}, where VLAN ${String(held.use.vlanId)} is in use`;
  w.judge('CC-NEG-068', ps.length > 0 && reused.length === 0 && found.unproposed.length === 0, ps.length === 0 ? 'the candidate proposed no feature' : summary,
    [w.ev(held.exchange), ...callEvidence(w, reused.length > 0 ? reused.map((p) => p.call) : ps.map((p) => p.call), 4),
      expectation(`a proposal on ${held.use.channel} with a VLAN other than ${String(held.use.vlanId)}`, ps.filter((p) => p.channel === held.use.channel).map((p) => `VLAN ${String(p.config.vlanId)}`).join(', ') || 'no proposal on that channel')],
    { rootCauses: PROPOSAL_ROOT_CAUSES });
}

/** Judges CC-NEG-050: every proposal holds one BGP config per provider, with distinct host addresses inside its subnet. */
export function judgeBgpConfigs(w: CtkWorld): void {
  const ps = proposals(w);
  const providers = [w.ctx.peer.providerId, w.ctx.config.candidate.providerId] as const;
  const bad = ps.map((p) => ({ p, problems: bgpConfigProblems(p.config, providers) })).filter((x) => x.problems.length > 0);
  w.judge('CC-NEG-050', ps.length > 0 && bad.length === 0, ps.length === 0 ? 'the candidate proposed no feature' : `${bad.length} proposal(s) describe the BGP sessions wrongly: ${bad[0]?.problems.join('; ') ?? ''}`,
    [...callEvidence(w, bad.length > 0 ? bad.map((b) => b.p.call) : ps.map((p) => p.call), 3),
      expectation(`one BGP config each for providers/${providers[0]} and providers/${providers[1]}, host addresses distinct and inside the feature's subnet (ERRATA D53)`, bad[0]?.problems.join('; ') ?? 'as expected')],
    { rootCauses: PROPOSAL_ROOT_CAUSES });
}
