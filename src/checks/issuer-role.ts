/**
 * The key issuer's part in a connection (docs/ConnectionCoordinatorAPI.md#activation-key,
 * docs/Protocols.md#negotiate-feature-parameters; ERRATA D24): having issued a key it waits for the receiver to
 * act, and without a deferral it only answers, never negotiating itself (CC-AK-016, CC-NEG-040). Pure
 * functions of the calls the issuer made to its peer.
 */

/** Operations by which a provider creates, changes, negotiates or reports a connection at its peer. */
export const CONNECTION_MOVES: readonly string[] = [
  'CreateConnection', 'UpdateConnection', 'DeleteConnection', 'GenerateFeatureGuidance', 'CreateFeature', 'DeleteFeature', 'NotifyConnectionStatus',
];

/** The moves that belong to the negotiator alone (CC-NEG-040). */
export const NEGOTIATOR_MOVES: readonly string[] = ['CreateConnection', 'GenerateFeatureGuidance', 'CreateFeature'];

/** A call the issuer made to its peer, reduced to what these checks need. */
export interface PeerMove {
  /** Position in the run's exchange log. */
  readonly seq: number;
  /** Epoch ms when it arrived. */
  readonly at: number;
  /** operationId. */
  readonly operation: string;
  /** The connection id it names (path, or CreateConnection's `connectionId`), if any. */
  readonly connection: string | undefined;
}

/** One key the issuer issued, and when the receiver first acted on its connection. */
export interface KeyWindow {
  /** The key's shared connection UUID. */
  readonly uuid: string;
  /** Epoch ms when the key was ordered. */
  readonly issuedAt: number;
  /** Epoch ms of the receiver's first move on the connection (placing, changing or deleting it), if any yet. */
  readonly receiverMovedAt?: number;
}

/** A move the issuer made on a key's connection before the receiver acted. */
export interface EarlyMove {
  /** The key's shared connection UUID. */
  readonly uuid: string;
  /** The move. */
  readonly move: PeerMove;
}

/** Result of {@link issuerMovesBeforeReceiver}. */
export interface IssuerWait {
  /** Connection moves the issuer made while the receiver had not yet acted on the key. */
  readonly early: readonly EarlyMove[];
  /** The longest time a key was watched unused (from its issue to the receiver's first move, or to `now`), ms. */
  readonly longestWindowMs: number;
}

/** The issuer's connection moves on each key's connection between the key's issue and the receiver's first move (or `now`). */
export function issuerMovesBeforeReceiver(keys: readonly KeyWindow[], moves: readonly PeerMove[], now: number): IssuerWait {
  const early: EarlyMove[] = [];
  let longest = 0;
  for (const k of keys) {
    const end = k.receiverMovedAt ?? now;
    longest = Math.max(longest, end - k.issuedAt);
    for (const m of moves) {
      if (m.connection === k.uuid && CONNECTION_MOVES.includes(m.operation) && m.at >= k.issuedAt && m.at < end) early.push({ uuid: k.uuid, move: m });
    }
  }
  return { early, longestWindowMs: longest };
}

/** The negotiator's moves (CreateConnection, GenerateFeatureGuidance, CreateFeature) the responder made on `connection`. */
export function responderNegotiated(moves: readonly PeerMove[], connection: string): PeerMove[] {
  return moves.filter((m) => m.connection === connection && NEGOTIATOR_MOVES.includes(m.operation));
}
