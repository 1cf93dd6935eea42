/**
 * Provisioning SLA figures: from the customer's order to a VERIFIED connection, from features created to
 * FINAL, and from features FINAL to the candidate's NotifyConnectionStatus. Pure: the steps observe the
 * times, these functions judge them.
 */
import type { Evidence } from '../report/schema.js';
import { round, type SlaVerdict } from './load-evidence.js';

/** Epoch-ms times the kit observed while a connection was ordered and provisioned. */
export interface Milestones {
  /** Just before the customer's order (POST /activation-keys). */
  readonly ordered: number;
  /** The candidate issued the key. */
  readonly keyIssued?: number;
  /** The candidate confirmed the key. */
  readonly keyConfirmed?: number;
  /** The candidate accepted the connection. */
  readonly connectionPlaced?: number;
  /** The candidate accepted the last feature. */
  readonly featuresProposed?: number;
  /** The kit saw every feature FINAL. */
  readonly featuresFinal?: number;
  /** The candidate's NotifyConnectionStatus reached the kit. */
  readonly candidateNotified?: number;
  /** The kit notified the candidate. */
  readonly kitNotified?: number;
  /** The kit saw the connection VERIFIED. */
  readonly verified?: number;
}

/** One feature's creation and the first time the kit saw it FINAL. */
export interface FeatureTiming {
  /** Feature id. */
  readonly id: string;
  /** When the candidate accepted it, epoch ms. */
  readonly createdAt: number;
  /** When the kit first saw it FINAL, epoch ms; undefined when it never was within the wait. */
  readonly finalAt?: number;
}

/** Times the kit observed while the candidate, as negotiator, provisioned a connection from a key the kit issued. */
export interface AcceptedKeyMilestones {
  /** Just before the customer entered the key at the candidate (POST /accepted-keys). */
  readonly entered: number;
  /** The candidate's ConfirmActivationKey reached the kit. */
  readonly keyConfirmed?: number;
  /** The candidate's CreateConnection reached the kit. */
  readonly connectionCreated?: number;
  /** The candidate's last CreateFeature reached the kit. */
  readonly featuresProposed?: number;
  /** The candidate's NotifyConnectionStatus reached the kit. */
  readonly candidateNotified?: number;
  /** The kit saw the connection VERIFIED on both sides. */
  readonly verified?: number;
}

/** One row of a milestone table. */
export interface Milestone {
  /** What happened. */
  readonly label: string;
  /** When, epoch ms; undefined rows are left out. */
  readonly at: number | undefined;
}

const ORDER_LABELS: ReadonlyArray<[keyof Milestones, string]> = [
  ['ordered', 'customer orders the connection at the candidate'],
  ['keyIssued', 'candidate issues the activation key'],
  ['keyConfirmed', 'candidate confirms the key to the kit'],
  ['connectionPlaced', 'candidate accepts the connection'],
  ['featuresProposed', 'candidate accepts the last feature'],
  ['featuresFinal', "kit sees the candidate's features FINAL"],
  ['candidateNotified', 'candidate sends NotifyConnectionStatus'],
  ['kitNotified', 'kit sends NotifyConnectionStatus'],
  ['verified', 'kit sees the connection VERIFIED'],
];

const ACCEPTED_LABELS: ReadonlyArray<[keyof AcceptedKeyMilestones, string]> = [
  ['entered', 'customer enters the key at the candidate'],
  ['keyConfirmed', 'candidate asks the kit to confirm the key'],
  ['connectionCreated', 'candidate creates the connection at the kit'],
  ['featuresProposed', 'candidate proposes its last feature to the kit'],
  ['candidateNotified', 'candidate sends NotifyConnectionStatus'],
  ['verified', 'kit sees the connection VERIFIED on both sides'],
];

const secs = (ms: number): number => round(ms / 1000, 3);

/** Milestones as a table: time of day and seconds since `start`. */
export function milestoneRows(start: number, rows: readonly Milestone[]): Evidence {
  return {
    kind: 'table', title: 'Provisioning milestones as the kit observed them', columns: ['milestone', 'at (UTC)', 'seconds since the customer acted'],
    rows: rows.flatMap((r) => (r.at === undefined ? [] : [[r.label, new Date(r.at).toISOString(), String(secs(r.at - start))]])),
  };
}

/** The order-flow milestones as a table. */
export function milestoneTable(m: Milestones): Evidence {
  return milestoneRows(m.ordered, ORDER_LABELS.map(([k, label]) => ({ label, at: m[k] })));
}

function metric(name: string, seconds: number | null, threshold: number): Evidence {
  return { kind: 'metric', name, unit: 's', measured: seconds, threshold, comparison: '<=' };
}

/** CC-SLA-005: every feature FINAL within `thresholdS` of its creation. `waitedS` is how long the kit waited. */
export function featuresVerdict(features: readonly FeatureTiming[], thresholdS: number, resolutionMs: number, waitedS: number): SlaVerdict {
  const late = features.filter((f) => f.finalAt === undefined);
  const worst = features.reduce((m, f) => Math.max(m, (f.finalAt ?? f.createdAt + waitedS * 1000) - f.createdAt), 0);
  const measured = features.length === 0 ? null : secs(worst);
  const ok = features.length > 0 && late.length === 0 && worst <= thresholdS * 1000;
  const summary = features.length === 0
    ? 'no feature was accepted, so none could reach FINAL'
    : late.length > 0
      ? `${late.length} of ${features.length} feature(s) not FINAL ${waitedS} s after creation (threshold ${thresholdS} s): ${late.map((f) => f.id).join(', ')}`
      : `the slowest feature took ${measured} s to reach FINAL (threshold ${thresholdS} s)`;
  return {
    ok, summary,
    evidence: [
      metric(late.length > 0 ? 'slowest feature to FINAL (at least)' : 'slowest feature to FINAL', measured, thresholdS),
      {
        kind: 'table', title: 'Features: accepted and first seen FINAL', columns: ['feature', 'accepted at (UTC)', 'seconds to FINAL'],
        rows: features.map((f) => [f.id, new Date(f.createdAt).toISOString(), f.finalAt === undefined ? `not FINAL after ${waitedS} s` : String(secs(f.finalAt - f.createdAt))]),
      },
      { kind: 'note', text: `Measured by polling GetFeature with a growing interval (last interval ${Math.round(resolutionMs)} ms): each figure is an upper bound within that resolution.` },
    ],
  };
}

/** CC-SLA-006: the candidate's NotifyConnectionStatus within `thresholdS` of its features turning FINAL. */
export function notificationVerdict(m: Milestones, thresholdS: number): SlaVerdict {
  const final = m.featuresFinal;
  const notified = m.candidateNotified;
  if (final === undefined) return { ok: false, summary: 'the features never reached FINAL, so no notification was due', evidence: [milestoneTable(m)] };
  const latency = notified === undefined ? null : Math.max(0, notified - final);
  const ok = latency !== null && latency <= thresholdS * 1000;
  const summary = latency === null
    ? `no NotifyConnectionStatus from the candidate within ${thresholdS} s of its features turning FINAL`
    : `the candidate notified ${secs(latency)} s after its features turned FINAL (threshold ${thresholdS} s)`;
  return {
    ok, summary,
    evidence: [
      metric('notification latency', latency === null ? null : secs(latency), thresholdS),
      { kind: 'note', text: 'From the moment the kit saw every feature FINAL (polling) to the NotifyConnectionStatus reaching its peer API; a notification that arrived before the kit\'s poll saw FINAL counts as 0 s. The spec gives no figure for "promptly" (ERRATA D68): the window is sla.notificationSeconds.' },
      milestoneTable(m),
    ],
  };
}

/** What {@link timeToVerified} judges. */
interface VerifiedTiming {
  readonly start: number;
  readonly verified: number | undefined;
  readonly action: string;
  readonly metricName: string;
  readonly table: Evidence;
  readonly note: string;
}

function timeToVerified(t: VerifiedTiming, thresholdS: number, waitedS: number): SlaVerdict {
  const took = t.verified === undefined ? null : t.verified - t.start;
  const ok = took !== null && took <= thresholdS * 1000;
  const summary = took === null
    ? `the connection was not VERIFIED ${waitedS} s after ${t.action} (threshold ${thresholdS} s)`
    : `the connection was VERIFIED ${secs(took)} s after ${t.action} (threshold ${thresholdS} s)`;
  return {
    ok, summary,
    evidence: [
      took === null ? metric(`${t.metricName} (not reached; time waited)`, secs(waitedS * 1000), thresholdS) : metric(t.metricName, secs(took), thresholdS),
      t.table,
      { kind: 'note', text: t.note },
    ],
  };
}

/** CC-SLA-004: the connection VERIFIED within `thresholdS` of the customer's order at the candidate. */
export function provisioningVerdict(m: Milestones, thresholdS: number, waitedS: number): SlaVerdict {
  return timeToVerified({
    start: m.ordered, verified: m.verified, action: "the customer's order", metricName: 'order to VERIFIED', table: milestoneTable(m),
    note: 'The customer\'s order is the POST /activation-keys hook; the kit plays the other provider (confirms the key, places the connection, proposes one feature per channel and notifies once the candidate has). VERIFIED is read from the candidate\'s GetConnection.',
  }, thresholdS, waitedS);
}

/** CC-SLA-003: a key entered at the candidate leads to a connection VERIFIED on both sides within `thresholdS`. */
export function acceptedKeyVerdict(m: AcceptedKeyMilestones, thresholdS: number, waitedS: number): SlaVerdict {
  return timeToVerified({
    start: m.entered, verified: m.verified, action: 'the key was entered', metricName: 'key entered to VERIFIED on both sides', table: milestoneRows(m.entered, ACCEPTED_LABELS.map(([k, label]) => ({ label, at: m[k] }))),
    note: 'The customer enters a key the kit issued at the candidate (POST /accepted-keys); the candidate negotiates against the kit\'s peer API. VERIFIED on both sides: the candidate\'s GetConnection and the kit\'s own record.',
  }, thresholdS, waitedS);
}
