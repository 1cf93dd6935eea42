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
  /** The call's credentials as the peer judged them against kit.peerAuth (never the credentials themselves). */
  readonly auth: { readonly checked: boolean; readonly ok: boolean; readonly detail: string };
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

/** A MACsec key the candidate installed at the kit, as the kit holds it. Key material stays in memory: never put it in evidence. */
export interface InstalledKey {
  /** Key id. */
  readonly id: string;
  /** CAK as received (secret). */
  readonly cak: string;
  /** CKN as received (secret). */
  readonly ckn: string;
  /** The kit's clock when it accepted the key, epoch ms. */
  readonly startTime: number;
  /** Whether the key is active now. */
  readonly active: boolean;
  /** True when the channel held no key when it arrived (exempt from the bake time). */
  readonly initial: boolean;
}

/** Key material the candidate sent in one CreateMacSecKey, captured before redaction (in memory only). */
export interface SentKeyMaterial {
  /** Sequence number of the call in the exchange log. */
  readonly seq: number;
  /** Environment id from the path. */
  readonly env: string;
  /** Interconnect id from the path. */
  readonly ix: string;
  /** Channel id from the path. */
  readonly channel: string;
  /** `macSecKeyId` query parameter. */
  readonly keyId: string;
  /** `cak` as sent (any JSON value; secret). */
  readonly cak: unknown;
  /** `ckn` as sent (any JSON value; secret). */
  readonly ckn: unknown;
  /** Status the kit answered. */
  readonly status: number;
}

/** A maintenance window the kit holds on one of its channels. */
export interface KitMaintenanceEvent {
  /** Opaque id. */
  readonly maintenanceId: string;
  /** RFC 3339 start. */
  readonly startTime: string;
  /** RFC 3339 end. */
  readonly endTime: string;
}

/** A controlled misbehaviour: the next `times` calls of `operation` are answered `status` (after `delayMs`). */
export interface Misbehaviour {
  /** operationId to misbehave on. */
  readonly operation: string;
  /** How many calls it applies to. */
  readonly times: number;
  /** Status to answer instead of handling; omitted to only delay. */
  readonly status?: number;
  /** Body sent with `status`. */
  readonly body?: unknown;
  /** Milliseconds to wait before answering. */
  readonly delayMs?: number;
}

/** A probe run when a call of `operation` arrives, before the peer answers it (e.g. to read the candidate's state at that moment). */
export type ArrivalProbe = (call: { readonly operation: string; readonly params: Readonly<Record<string, string>>; readonly query: Readonly<Record<string, string>>; readonly body: unknown }) => Promise<void>;

/** The kit's running peer API. */
export interface Peer {
  /** URL the candidate uses to reach the peer API (what PUT /peer announces). */
  readonly baseUrl: string;
  /** The kit's provider id. */
  readonly providerId: string;
  /** What the peer requires on the candidate's calls (kit.peerAuth). */
  readonly authScheme: 'none' | 'bearer' | 'sigv4';
  /** The kit's local records. */
  readonly local: KitLocalState;
  /** Calls received so far, optionally only those after `sinceSeq`. */
  calls(sinceSeq?: number): readonly PeerCall[];
  /** Resolves with the first call (after `sinceSeq`) matching `pred`, or undefined after `timeoutMs`. */
  waitForCall(pred: (c: PeerCall) => boolean, timeoutMs: number, sinceSeq?: number): Promise<PeerCall | undefined>;
  /** Misbehaves on the next calls of an operation. */
  misbehave(rule: Misbehaviour): void;
  /** Runs `probe` when the next call of `operation` arrives, before answering it. */
  onArrival(operation: string, probe: ArrivalProbe): void;
  /** While held, the kit's own NotifyConnectionStatus calls to the candidate wait; releasing sends them. */
  holdNotifications(hold: boolean): void;
  /** Forgets misbehaviours, probes and holds (after each scenario). */
  reset(): void;
  /** Issues an activation key as the kit's customer would order one from the kit; returns the encoded key. */
  issueKey(order: { env: string; bandwidthMbps: number; accountId: string; uuid: string }): string;
  /** Replaces the guidance the kit gives and enforces for one interconnect. */
  setGuidance(env: string, ix: string, guidance: Readonly<Record<string, unknown>>): void;
  /** The kit's own record of a connection the candidate created at the kit (verification, bandwidth, features). */
  kitConnection(env: string, ix: string, id: string): { bandwidthMbps: number; verificationState: string; features: ReadonlyArray<Readonly<Record<string, unknown>>> } | undefined;
  /** The MACsec keys the candidate installed at the kit on a channel, oldest first. */
  macSecKeys(env: string, ix: string, channel: string): readonly InstalledKey[];
  /** Key material of every CreateMacSecKey the candidate sent (after `sinceSeq`), refused ones included. */
  sentKeyMaterial(sinceSeq?: number): readonly SentKeyMaterial[];
  /** Schedules maintenance on the kit's side of a channel (refused with the engine's reason when it overlaps another channel's). */
  scheduleMaintenance(env: string, ix: string, channel: string, startTime: string, endTime: string): { ok: true; event: KitMaintenanceEvent } | { ok: false; status: number; reason: string };
  /** The kit's own maintenance events on a channel. */
  maintenanceEvents(env: string, ix: string, channel: string): readonly KitMaintenanceEvent[];
  /** Stops listening. */
  close(): Promise<void>;
}
