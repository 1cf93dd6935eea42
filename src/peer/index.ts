/**
 * The kit's peer API: the kit playing the other provider for the candidate, and the kit's moves as negotiator.
 * @packageDocumentation
 */
export type { Peer, PeerCall, KitLocalState } from './types.js';
export { startPeer, type PeerOptions, type RunningPeer } from './peer.js';
export { mirrorTopology } from './mirror.js';
export { KIT_GUIDANCE, VIOLATIONS, conformantProposal, violate, type Violation, type Proposal } from './proposals.js';
export {
  orderKey, confirmKey, placeConnection, requestGuidance, proposeFeature, ok,
  type IssuedKey, type NegotiatedConnection, type ProposedFeature, type ChannelGuidance,
} from './negotiator.js';
