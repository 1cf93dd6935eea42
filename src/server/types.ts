/**
 * Types of the coordinator engine: the static topology it serves, the wire enums, and the records
 * of its in-memory store.
 */
import type { ActivationKey, Cidr, L3BaseConfig, L3BaseGuidance } from '../checks/index.js';

/** schemas/common.yaml#AdminState. */
export type AdminState = 'ADMIN_STATE_ENABLED' | 'ADMIN_STATE_DISABLED';
/** schemas/common.yaml#VerificationState. */
export type VerificationState = 'VERIFICATION_STATE_UNVERIFIED' | 'VERIFICATION_STATE_VERIFIED';
/** schemas/common.yaml#ProvisioningState. */
export type ProvisioningState = 'PROVISIONING_STATE_PENDING' | 'PROVISIONING_STATE_FINAL';
/** schemas/interconnect.yaml#InterconnectState. */
export type InterconnectState = 'INTERCONNECT_STATE_PENDING' | 'INTERCONNECT_STATE_ACTIVE' | 'INTERCONNECT_STATE_CLOSED';
/** schemas/feature.yaml#FeatureType. */
export type FeatureType = 'FEATURE_TYPE_L3_BASE';
/** schemas/environment.yaml#EnvironmentVisibility. */
export type EnvironmentVisibility = 'ENVIRONMENT_VISIBILITY_PRIVATE' | 'ENVIRONMENT_VISIBILITY_PUBLIC';

/** Which side a per-channel role belongs to: this server, or the provider calling it. */
export type Side = 'self' | 'caller';

/** A channel of an interconnect, as agreed between the providers (static). */
export interface ChannelSpec {
  /** Channel id, e.g. `channel1`. */
  readonly id: string;
  /** Facility demarcation identifier. */
  readonly demarc: string;
  /** Obfuscated id of the device hosting the channel. */
  readonly obfuscatedDeviceId: string;
  /** Aggregate size in Gbps. */
  readonly aggregateChannelSizeGbps: number;
  /** Member link size in Gbps. */
  readonly channelMemberSizeGbps: number;
  /** Who manages MACsec rotations on this channel. */
  readonly macsecManager: Side;
  /** Who manages the physical cross-connect. */
  readonly crossConnectManager: Side;
  /** Administrative state; default enabled. */
  readonly adminState?: AdminState;
}

/** An interconnect and its channels (static). */
export interface InterconnectSpec {
  /** Interconnect id, e.g. `ix1`. */
  readonly id: string;
  /** Operational state. */
  readonly state: InterconnectState;
  /** Cap on the sum of connection bandwidths, in Mbps. */
  readonly maxBandwidthMbps: number;
  /** Connection sizes accepted, in Mbps. */
  readonly supportedConnectionSizeMbps: readonly number[];
  /** Feature types supported. */
  readonly supportedFeatures: readonly FeatureType[];
  /** Channels, in order. */
  readonly channels: readonly ChannelSpec[];
  /** Feature guidance for this interconnect; default: the environment's, then the topology's. */
  readonly guidance?: L3BaseGuidance;
}

/** An environment and its interconnects (static). */
export interface EnvironmentSpec {
  /** Environment id shared by both providers. */
  readonly id: string;
  /** This server's site code. */
  readonly site: string;
  /** The calling provider's site code. */
  readonly callerSite: string;
  /** Display name of this server's site. */
  readonly siteDisplayName?: string;
  /** Informative apiUri. */
  readonly apiUri?: string;
  /** Sizes supported by every interconnect, in Mbps. */
  readonly supportedConnectionSizeMbps: readonly number[];
  /** Features supported by every interconnect. */
  readonly supportedFeatures: readonly FeatureType[];
  /** Visibility; default public. */
  readonly environmentVisibility?: EnvironmentVisibility;
  /** Deferral timeout in hours (informative). */
  readonly deferralTimeoutHours?: number;
  /** Whether this provider always defers in this environment. */
  readonly deferConnectionProvisioning?: boolean;
  /** Interconnects, in order. */
  readonly interconnects: readonly InterconnectSpec[];
  /** Feature guidance default for the environment. */
  readonly guidance?: L3BaseGuidance;
}

/** Everything static the server serves. */
export interface Topology {
  /** Display name of this server's provider. */
  readonly displayName: string;
  /** Environments, in order. */
  readonly environments: readonly EnvironmentSpec[];
  /** Default feature guidance. */
  readonly guidance: L3BaseGuidance;
}

/** Where a connection lives: caller partition, environment, interconnect, id. */
export interface ConnectionRef {
  /** The provider id of the caller partition (the peer). */
  readonly caller: string;
  /** Environment id. */
  readonly env: string;
  /** Interconnect id. */
  readonly ix: string;
  /** Connection id (the shared UUID). */
  readonly id: string;
}

/** Notification bookkeeping of one connection (docs/Protocols.md#provision-appropriate-features). */
export interface NotifyState {
  /** Our NotifyConnectionStatus: not sent, in flight, acknowledged with 2xx, or given up. */
  sent: 'no' | 'sending' | 'acked' | 'failed';
  /** Attempts made. */
  attempts: number;
  /** Whether the peer's NotifyConnectionStatus arrived. */
  received: boolean;
  /** When the peer's notification arrived (ms). */
  receivedAt?: number;
  /** The peer's connection as re-read after its notification. */
  peerView?: { readonly status: number; readonly body: unknown; readonly at: number };
  /** Whether the connectionVerified listener was already called. */
  verifiedAnnounced?: boolean;
  /** When the connection was first found VERIFIED (ms): features created later are a change (D26). */
  verifiedAt?: number;
  /** What this side last told the peer about a change after verification: features back to pending, or final again. */
  changeAnnounced?: 'pending' | 'final';
}

/** A stored connection. */
export interface ConnectionRecord extends ConnectionRef {
  /** Bandwidth in Mbps. */
  bandwidthMbps: number;
  /** The activation key sent with CreateConnection, if any. */
  activationKey?: string;
  /** Whether the creator deferred provisioning to this side. */
  readonly deferProvisioning: boolean;
  /** Who created it: the peer through the API, or this side locally (negotiator or hook). */
  readonly origin: 'remote' | 'local';
  /** Creation time (ms). */
  readonly createdAt: number;
  /** Set by the customer-hook layer while a customer-originated update runs (CC-LC-003). */
  customerUpdateInProgress: boolean;
  /** Notification bookkeeping. */
  readonly notify: NotifyState;
  /** Output-only values a client sent; stored only under the output-only-honoured fault. */
  honoured?: { verificationState?: string; adminState?: string };
  /** Set once the delete-in-service-declined fault has declined a delete of this connection (a retry succeeds). */
  deleteDeclined?: boolean;
}

/** A stored feature. */
export interface FeatureRecord {
  /** The connection it belongs to. */
  readonly conn: ConnectionRef;
  /** Feature id. */
  readonly id: string;
  /** Channel id (last segment of the channel name). */
  readonly channelId: string;
  /** Feature type. */
  readonly featureType: FeatureType;
  /** L3 configuration as accepted. */
  readonly config: L3BaseConfig;
  /** The subnets the configuration occupies, parsed once. */
  readonly subnets: readonly Cidr[];
  /** Provisioning state. */
  provisioningState: ProvisioningState;
  /** Creation time (ms). */
  readonly createdAt: number;
}

/** An activation key this server issued. */
export interface IssuedKey {
  /** The exact text handed out. */
  readonly encoded: string;
  /** Decoded fields. */
  readonly key: ActivationKey;
  /** The provider the key is meant for (its caller partition). */
  readonly caller: string;
  /** Environment id. */
  readonly env: string;
  /** Lifecycle: issued, used by a successful CreateConnection, or invalidated by a delete. */
  state: 'issued' | 'used' | 'invalidated';
  /** How many times it was confirmed while unused. */
  confirmations: number;
}

/** A stored MACsec key (secrets kept in memory only, never logged). */
export interface MacSecKeyRecord {
  /** Key id. */
  readonly id: string;
  /** CAK (secret). */
  readonly cak: string;
  /** CKN (secret). */
  readonly ckn: string;
  /** Server time the key was accepted (ms). */
  readonly startTime: number;
  /** Whether the key is active on the channel. */
  active: boolean;
  /** True for a key installed on a channel that had none (initial keys are exempt from bake, D30). */
  readonly initial: boolean;
}

/** One maintenance window on a channel. */
export interface MaintenanceEvent {
  /** Opaque id. */
  readonly maintenanceId: string;
  /** ISO start. */
  readonly startTime: string;
  /** ISO end. */
  readonly endTime: string;
}

/** A comment on an issue. */
export interface CommentRecord {
  /** Comment text. */
  readonly body: string;
  /** Creation time (ms). */
  readonly createTime: number;
  /** Commenter display name. */
  readonly displayName: string;
  /** Local id. */
  readonly localCommentId: string;
}

/** A stored issue. */
export interface IssueRecord {
  /** Caller partition. */
  readonly caller: string;
  /** Issue id. */
  readonly id: string;
  /** Issue body as sent (output-only fields dropped). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Creation time (ms). */
  readonly createTime: number;
  /** Local id. */
  readonly localIssueId: string;
  /** Issue state. */
  state: 'STATE_OPEN' | 'STATE_CLOSED';
  /** Comments, oldest first. */
  readonly comments: CommentRecord[];
}
