/**
 * The reference partner's static resources: environment `aws-ref-us-east` with interconnects ix1 and ix2, and
 * environment `aws-ref-us-east-deferred` (deferConnectionProvisioning) with interconnect dx1 and the CLOSED dx2; four channels each on the same four devices, spread over two facilities, MACsec management split 50/50
 * between the caller and the reference (docs/Protocols.md#channel, #macsec-key-rotation, #maintenance-coordination).
 */
import type { L3BaseGuidance } from '../checks/index.js';
import type { ChannelSpec, InterconnectSpec, Topology } from '../server/index.js';

/** The reference's environment id. */
export const REFERENCE_ENVIRONMENT = 'aws-ref-us-east';

/** The reference's second environment: every connection a customer starts there with the peer's key is deferred to the peer. */
export const REFERENCE_DEFERRING_ENVIRONMENT = 'aws-ref-us-east-deferred';

/** The deferral timeout the deferring environment publishes, in hours (see ReferencePartnerOptions.deferralHourMs for its length in this staging). */
export const REFERENCE_DEFERRAL_TIMEOUT_HOURS = 1;

/** Connection sizes the reference supports, in Mbps. */
export const REFERENCE_SIZES_MBPS = [50, 100, 200, 500, 1000, 2000, 5000, 10000] as const;

/** The feature guidance the reference gives and enforces. */
export const REFERENCE_GUIDANCE: L3BaseGuidance = {
  asnRanges: [{ start: 64700, stop: 64710 }],
  ipv4SubnetGuidance: [{ includeSubnet: '169.254.0.0/16', excludeSubnets: ['169.254.0.0/24', '169.254.169.0/24'], preferredSubnet: '169.254.1.0/30' }],
  ipv6SubnetGuidance: [{ includeSubnet: 'fd00:ce:1::/48', excludeSubnets: [] }],
  ipv4AllowedSubnetPrefixLengths: [29, 30],
  ipv6AllowedSubnetPrefixLengths: [126, 127],
  vlanRanges: [{ start: 1025, stop: 4094 }],
  mtuRanges: [{ start: 1500, stop: 8500 }],
  maxReceivedBgpRoutePrefixes: 100,
};

const FACILITIES = ['REF-FAC-A', 'REF-FAC-B'] as const;

/** Channel `n` of interconnect `ix` as the reference builds it (facility A for channels 1-2, B beyond; device ref-dev-0n). */
export function referenceChannel(ix: string, n: number): ChannelSpec {
  const facility = FACILITIES[n <= 2 ? 0 : 1];
  return {
    id: `channel${n}`,
    demarc: `${facility}:cage-${ix}:panel-${n}:port-1`,
    obfuscatedDeviceId: `ref-dev-${String(n).padStart(2, '0')}`,
    aggregateChannelSizeGbps: 200,
    channelMemberSizeGbps: 100,
    macsecManager: n % 2 === 1 ? 'caller' : 'self',
    crossConnectManager: 'self',
  };
}

function interconnect(id: string, state: InterconnectSpec['state'] = 'INTERCONNECT_STATE_ACTIVE'): InterconnectSpec {
  return {
    id,
    state,
    maxBandwidthMbps: 10000,
    supportedConnectionSizeMbps: [...REFERENCE_SIZES_MBPS],
    supportedFeatures: ['FEATURE_TYPE_L3_BASE'],
    channels: [1, 2, 3, 4].map((n) => referenceChannel(id, n)),
  };
}

/** Builds the reference topology. */
export function referenceTopology(): Topology {
  return {
    displayName: 'Reference Cloud (interconnect-ctk)',
    guidance: REFERENCE_GUIDANCE,
    environments: [
      {
        id: REFERENCE_ENVIRONMENT,
        site: 'ref-east-1',
        siteDisplayName: 'Reference East 1',
        callerSite: 'us-east-1',
        supportedConnectionSizeMbps: [...REFERENCE_SIZES_MBPS],
        supportedFeatures: ['FEATURE_TYPE_L3_BASE'],
        environmentVisibility: 'ENVIRONMENT_VISIBILITY_PUBLIC',
        deferralTimeoutHours: 24,
        deferConnectionProvisioning: false,
        interconnects: [interconnect('ix1'), interconnect('ix2')],
      },
      {
        id: REFERENCE_DEFERRING_ENVIRONMENT,
        site: 'ref-east-2',
        siteDisplayName: 'Reference East 2 (defers provisioning)',
        callerSite: 'us-east-1',
        supportedConnectionSizeMbps: [...REFERENCE_SIZES_MBPS],
        supportedFeatures: ['FEATURE_TYPE_L3_BASE'],
        environmentVisibility: 'ENVIRONMENT_VISIBILITY_PUBLIC',
        deferralTimeoutHours: REFERENCE_DEFERRAL_TIMEOUT_HOURS,
        deferConnectionProvisioning: true,
        // dx2 is closed to new connections (CC-NEG-032); it sits here, away from the environment most scenarios use.
        interconnects: [interconnect('dx1'), interconnect('dx2', 'INTERCONNECT_STATE_CLOSED')],
      },
    ],
  };
}
