/**
 * Helpers of the negotiation-rule scenarios: the connection's channels and a conformant base proposal. The
 * pure checks they judge with are in feature-checks.ts.
 * @packageDocumentation
 */
import type { L3BaseConfig, L3BaseGuidance } from '../../src/checks/index.js';
import { conformantProposal } from '../../src/peer/proposals.js';
import { usableInterconnects, type ChannelInfo } from '../../src/runner/topology.js';
import { environment, guidanceFor } from './setup.js';
import type { CtkWorld } from './world.js';

/** The channels of the interconnect the scenario's connection is on. */
export function channelsOf(w: CtkWorld): readonly ChannelInfo[] {
  return usableInterconnects(environment(w)).find((i) => i.id === w.conn.ref.ix)?.channels ?? [];
}

/** A proposal that follows the candidate's guidance on channel `index`, avoiding `used`; stops the scenario (CC-NEG-004) when none exists. */
export async function baseProposal(w: CtkWorld, index = 0, used: { subnets: string[]; vlans: number[] } = { subnets: [], vlans: [] }): Promise<{ ch: ChannelInfo; guidance: L3BaseGuidance; config: L3BaseConfig }> {
  const ch = channelsOf(w)[index];
  if (ch === undefined) throw new Error(`internal: the interconnect has no channel ${index + 1}`);
  const guidance = (await guidanceFor(w, w.conn)).get(ch.id)?.l3 ?? {};
  const p = conformantProposal(guidance, used, w.ctx.peer.providerId, w.ctx.config.candidate.providerId);
  if (!p.ok) w.blockedBy('CC-NEG-004', `the guidance leaves no valid choice on ${ch.id}: ${p.reason}`, []);
  return { ch, guidance, config: p.config };
}

