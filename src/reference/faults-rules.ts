/**
 * The reference's deliberate defects for the Issues API and for the negotiation, lifecycle and schema rules
 * beyond the first catalogue (CC-ISS-*, CC-NEG-017..067, CC-LC-007..010, CC-SCH-013..026). Spread into
 * {@link FAULTS}; `breaks` lists the requirement ids each makes fail, primary first.
 */
import type { FaultInfo } from './faults.js';

/** Issues API faults. */
const ISSUE_FAULTS = {
  'issue-id-ignored': { description: 'CreateIssue names the issue with an id of its own instead of the issueId asked for.', breaks: ['CC-ISS-001', 'CC-ISS-011'] },
  'issue-title-body-optional': { description: 'CreateIssue fills a missing title or body with a placeholder instead of refusing.', breaks: ['CC-ISS-002'] },
  'issue-output-only-honoured': { description: 'A state, createTime or localIssueId sent in CreateIssue is stored and returned.', breaks: ['CC-ISS-003'] },
  'issue-starts-in-progress': { description: 'New issues report STATE_IN_PROGRESS instead of STATE_OPEN.', breaks: ['CC-ISS-004'] },
  'issue-without-create-time': { description: 'Issues are returned without their createTime.', breaks: ['CC-ISS-005'] },
  'issue-feature-context-refused': { description: 'CreateIssue refuses issues that cite features as context.', breaks: ['CC-ISS-006'] },
  'issue-interconnect-type-refused': { description: 'CreateIssue refuses issues of the preset type ISSUE_CONTEXT_INTERCONNECT_ISSUE.', breaks: ['CC-ISS-007'] },
  'issue-missing-context-500': { description: 'A connection issue that cites no connection crashes CreateIssue with 500.', breaks: ['CC-ISS-008'] },
  'issue-nameless-context-accepted': { description: 'CreateIssue silently drops context objects that name no resource instead of refusing them.', breaks: ['CC-ISS-009'] },
  'get-issue-drops-priority': { description: 'GetIssue returns the issue without the priority it was filed with.', breaks: ['CC-ISS-010'] },
  'issues-list-omits-open': { description: 'ListIssues leaves out every issue still in STATE_OPEN.', breaks: ['CC-ISS-011'] },
  'issues-default-page-unbounded': { description: 'ListIssues without a pageSize returns up to 1000 issues instead of 50.', breaks: ['CC-ISS-012'] },
  'issues-large-page-refused': { description: 'ListIssues refuses a pageSize above 1000 with 400 instead of coercing it.', breaks: ['CC-ISS-013'] },
  'add-comment-empty-answer': { description: 'AddComment answers {} instead of the comment it added.', breaks: ['CC-ISS-014'] },
  'comment-body-optional': { description: 'AddComment takes a request without a comment or its body as an empty comment.', breaks: ['CC-ISS-015'] },
  'comments-oldest-first': { description: 'ListComments lists the oldest comment first.', breaks: ['CC-ISS-016'] },
  'comments-default-page-unbounded': { description: 'ListComments without a pageSize returns up to 1000 comments instead of 50.', breaks: ['CC-ISS-017'] },
  'comment-without-create-time': { description: 'Comments are returned without their createTime.', breaks: ['CC-ISS-018'] },
  'close-not-kept': { description: 'CloseIssue answers the issue as closed but leaves it open.', breaks: ['CC-ISS-019'] },
  'duplicate-issue-accepted': { description: 'CreateIssue with an issueId in use answers 200 with the existing issue.', breaks: ['CC-ISS-020'] },
  'issue-enum-unchecked': { description: 'CreateIssue silently drops a priority or issue type outside its enum instead of refusing it.', breaks: ['CC-ISS-021'] },
  'issue-id-generated': { description: 'CreateIssue without an issueId makes one up instead of refusing.', breaks: ['CC-SCH-019'] },
  'create-issue-201': { description: 'CreateIssue answers 201 instead of 200.', breaks: ['CC-SCH-020'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Negotiation faults beyond the guidance checks. */
const NEGOTIATION_FAULTS = {
  'feature-reservation-race': { description: 'CreateFeature checks subnets against what existed when the request arrived, then commits 150 ms later.', breaks: ['CC-NEG-017'] },
  'duplicate-feature-accepted': { description: 'CreateFeature with a featureId in use on the connection answers 200 with the existing feature.', breaks: ['CC-NEG-018'] },
  'provisioning-state-honoured': { description: 'A PROVISIONING_STATE_FINAL sent in CreateFeature is taken over by the new feature.', breaks: ['CC-NEG-019'] },
  'feature-channel-unchecked': { description: 'CreateFeature takes a channel of another interconnect by its channel id alone.', breaks: ['CC-NEG-020'] },
  'feature-mtu-defaulted': { description: 'CreateFeature fills a missing mtuBytes with 1500 instead of refusing.', breaks: ['CC-NEG-021'] },
  'feature-asn-unchecked': { description: 'CreateFeature accepts a responder ASN outside the guided ASN ranges.', breaks: ['CC-NEG-022'] },
  'feature-host-bits-accepted': { description: 'CreateFeature accepts a subnet address with host bits set.', breaks: ['CC-NEG-023'] },
  'guidance-reserved-vlans': { description: 'The guidance offers VLANs from 1000, reserved ones included.', breaks: ['CC-NEG-024'] },
  'guidance-overlapping-ranges': { description: 'The guidance lists a second MTU range inside the first.', breaks: ['CC-NEG-025'] },
  'guidance-exclude-misspelt': { description: 'The guidance lists all but the first excluded subnet under the misspelt `excludeSubnet`.', breaks: ['CC-NEG-026'] },
  'guidance-needs-body': { description: 'GenerateFeatureGuidance refuses a request without a body.', breaks: ['CC-NEG-027'] },
  'notify-refused-before-ready': { description: 'NotifyConnectionStatus from the peer is refused with 409 while the connection is not ready here.', breaks: ['CC-NEG-028'] },
  'feature-mtu-rewritten': { description: 'GetFeature and ListFeatures report mtuBytes 1500 whatever was accepted.', breaks: ['CC-NEG-029'] },
  'refused-feature-kept': { description: 'A proposal refused for breaking the guidance is stored all the same.', breaks: ['CC-NEG-030'] },
  'feature-id-from-body-name': { description: 'CreateFeature takes the feature id from the body\u2019s name when it has one.', breaks: ['CC-NEG-031'] },
  'unsupported-size-accepted': { description: 'CreateConnection accepts bandwidths the interconnect does not offer, deferred or not.', breaks: ['CC-NEG-033', 'CC-DEF-005'] },
  'capacity-race': { description: 'CreateConnection checks capacity against what existed when the request arrived, then commits 150 ms later.', breaks: ['CC-NEG-034'] },
  'crossing-notify-dropped': { description: 'A NotifyConnectionStatus that arrives before the reference\u2019s own was answered is not recorded.', breaks: ['CC-NEG-036'] },
  'ipv6-refused': { description: 'CreateFeature refuses any feature with an IPv6 subnet.', breaks: ['CC-NEG-037'] },
  'md5-refused': { description: 'CreateFeature refuses any feature with an MD5 BGP password.', breaks: ['CC-NEG-038'] },
  'preferred-subnet-only': { description: 'CreateFeature refuses any subnet but the preferred one while the preferred one is free.', breaks: ['CC-NEG-067'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Lifecycle and schema faults. */
const LIFECYCLE_SCHEMA_FAULTS = {
  'update-mask-unchecked': { description: 'UpdateConnection ignores fields of the updateMask other than bandwidthMbps.', breaks: ['CC-LC-007'] },
  'delete-in-service-declined': { description: 'The first DeleteConnection of a connection verified more than 1.5 s ago is declined with 409 (a retry succeeds).', breaks: ['CC-LC-008'] },
  'repeat-delete-500': { description: 'Deleting an already deleted connection crashes with 500.', breaks: ['CC-LC-009'] },
  'delete-feature-kept': { description: 'DeleteFeature answers 200 but keeps the feature.', breaks: ['CC-LC-010'] },
  'create-feature-self-rooted': { description: 'CreateFeature answers with the feature named under the reference\u2019s own provider id.', breaks: ['CC-SCH-013'] },
  'own-provider-hidden': { description: 'GetProvider of the reference\u2019s own id is refused with 403.', breaks: ['CC-SCH-014'] },
  'providers-listed-elsewhere': { description: 'ListProviders lists providers under `providerList` instead of `providers` or `environments`.', breaks: ['CC-SCH-016'] },
  'feature-channel-bare': { description: 'Features name their channel by its bare id instead of its full name.', breaks: ['CC-SCH-017'] },
  'update-without-body-accepted': { description: 'UpdateConnection without a body answers 200 and changes nothing.', breaks: ['CC-SCH-018'] },
  'environment-without-l3': { description: 'Environments list no supported features.', breaks: ['CC-SCH-021'] },
  'connection-admin-state-missing': { description: 'Connections are returned without their adminState.', breaks: ['CC-SCH-023'] },
  'asn-int32': { description: 'CreateFeature refuses ASNs above 2147483647 (signed 32-bit).', breaks: ['CC-SCH-024'] },
  'update-answer-without-bandwidth': { description: 'UpdateConnection answers the connection without its bandwidthMbps.', breaks: ['CC-SCH-025'] },
  'interconnect-sizes-repeated': { description: 'Interconnects list their first connection size twice.', breaks: ['CC-SCH-026'] },
} as const satisfies Readonly<Record<string, FaultInfo>>;

/** Every fault of this file, for the catalogue in faults.ts. */
export const RULE_FAULTS = { ...ISSUE_FAULTS, ...NEGOTIATION_FAULTS, ...LIFECYCLE_SCHEMA_FAULTS } as const;
