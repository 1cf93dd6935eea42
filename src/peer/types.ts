/**
 * The kit's peer API as the rest of the kit sees it: the kit playing the other provider.
 * @packageDocumentation
 */

/** One call the candidate made to the kit's peer API. */
export interface PeerCall {
  /** Sequence number shared with the run's exchange log. */
  readonly seq: number;
  /** Epoch milliseconds when the call arrived. */
  readonly at: number;
  /** operationId the call matched, or `unknown`. */
  readonly operation: string;
  /** HTTP method. */
  readonly method: string;
  /** Request path (without the peer's base path). */
  readonly path: string;
  /** Path parameters (provider, environment, interconnect, channel, connection, feature, ...). */
  readonly params: Readonly<Record<string, string>>;
  /** Query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** Parsed request body (redacted). */
  readonly body: unknown;
  /** Status the peer answered. */
  readonly status: number;
  /** Body the peer answered (redacted). */
  readonly responseBody: unknown;
}

/** The kit's own records as a provider: what the kit holds locally while it negotiates with the candidate. */
export interface KitLocalState {
  /** Records a connection the kit holds on its side (the kit creates locally before asking the candidate). */
  putConnection(env: string, ix: string, id: string, bandwidthMbps: number): void;
  /** Records a feature the kit holds on its side. */
  putFeature(env: string, ix: string, conn: string, featureId: string, feature: Readonly<Record<string, unknown>>): void;
  /** Removes a connection and its features from the kit's side. */
  deleteConnection(env: string, ix: string, id: string): void;
  /** The kit's copy of a connection, if any. */
  getConnection(env: string, ix: string, id: string): Readonly<Record<string, unknown>> | undefined;
}

/** The kit's running peer API. */
export interface Peer {
  /** URL the candidate uses to reach the peer API (what PUT /peer announces). */
  readonly baseUrl: string;
  /** The kit's provider id. */
  readonly providerId: string;
  /** The kit's local records. */
  readonly local: KitLocalState;
  /** Calls received so far, optionally only those after `sinceSeq`. */
  calls(sinceSeq?: number): readonly PeerCall[];
  /** Resolves with the first call (after `sinceSeq`) matching `pred`, or undefined after `timeoutMs`. */
  waitForCall(pred: (c: PeerCall) => boolean, timeoutMs: number, sinceSeq?: number): Promise<PeerCall | undefined>;
  /** Stops listening. */
  close(): Promise<void>;
}
