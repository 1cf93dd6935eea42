/**
 * The zod schema of `report.json`, exported so that reviewers' automation can parse reports.
 * @packageDocumentation
 */
import { z } from 'zod';
import { ACTORS, CATEGORIES, LEVELS, STATUSES } from '../spec/categories.js';

/** Version of the report format; bumped on any incompatible change. */
export const REPORT_FORMAT_VERSION = '1.0';

const exchangeEvidence = z.object({
  kind: z.literal('exchange'),
  seq: z.number().int(),
  direction: z.enum(['kit', 'candidate']),
  operation: z.string(),
  method: z.string(),
  url: z.string(),
  status: z.number().int(),
  durationMs: z.number(),
  startedAt: z.string(),
  requestBody: z.unknown().optional(),
  responseBody: z.unknown().optional(),
  transportError: z.string().optional(),
  reproduce: z.string().optional(),
});

const expectationEvidence = z.object({
  kind: z.literal('expectation'),
  expected: z.string(),
  received: z.string(),
  location: z.string().optional(),
});

const noteEvidence = z.object({ kind: z.literal('note'), text: z.string() });

const sequenceEvidence = z.object({
  kind: z.literal('sequence'),
  title: z.string(),
  mermaid: z.string(),
});

const tableEvidence = z.object({
  kind: z.literal('table'),
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
});

const metricEvidence = z.object({
  kind: z.literal('metric'),
  name: z.string(),
  unit: z.string(),
  measured: z.number().nullable(),
  threshold: z.number().nullable(),
  comparison: z.enum(['<=', '>=']),
});

const chartEvidence = z.object({
  kind: z.literal('chart'),
  title: z.string(),
  chart: z.enum(['histogram', 'timeseries']),
  xLabel: z.string(),
  yLabel: z.string(),
  points: z.array(z.tuple([z.number(), z.number()])),
});

/** One piece of evidence attached to a requirement verdict. */
export const EvidenceSchema = z.discriminatedUnion('kind', [
  exchangeEvidence,
  expectationEvidence,
  noteEvidence,
  sequenceEvidence,
  tableEvidence,
  metricEvidence,
  chartEvidence,
]);

/** One piece of evidence attached to a requirement verdict. */
export type Evidence = z.infer<typeof EvidenceSchema>;

/** The verdict on one catalog requirement. */
export const RequirementResultSchema = z.object({
  id: z.string(),
  level: z.enum(LEVELS),
  category: z.enum(CATEGORIES),
  actor: z.enum(ACTORS).optional(),
  title: z.string(),
  source: z.string(),
  status: z.enum(STATUSES),
  /** Why a requirement was skipped, not applicable or blocked; empty for plain passes. */
  reason: z.string().optional(),
  /** Id of the requirement whose failure kept this one from being judged. */
  blockedBy: z.string().optional(),
  /** Scenarios that judged this requirement. */
  scenarios: z.array(z.string()).default([]),
  /** For spec ambiguities: which reading the candidate chose (ERRATA id and reading). */
  interpretation: z.string().optional(),
  /** For resiliency findings: whether it blocks production or is an advisory. */
  severity: z.enum(['blocker', 'advisory']).optional(),
  evidence: z.array(EvidenceSchema).default([]),
});

/** The verdict on one catalog requirement. */
export type RequirementResult = z.infer<typeof RequirementResultSchema>;

/** The overall verdict. */
export const VERDICTS = ['CERTIFIED', 'NOT_CERTIFIED', 'INCOMPLETE'] as const;

/** The schema of `report.json`. */
export const ReportSchema = z.object({
  formatVersion: z.string(),
  kit: z.object({ name: z.literal('interconnect-ctk'), version: z.string(), spec: z.string() }),
  candidate: z.object({ baseUrl: z.string(), providerId: z.string(), hooksUrl: z.string().nullable().optional() }),
  run: z.object({
    tags: z.string().nullable(),
    reference: z.boolean(),
    fault: z.string().nullable().optional(),
    node: z.string(),
    platform: z.string(),
  }),
  startedAt: z.string(),
  finishedAt: z.string(),
  verdict: z.enum(VERDICTS),
  verdictReason: z.string(),
  preflight: z.array(z.object({ check: z.string(), ok: z.boolean(), detail: z.string() })).default([]),
  requirements: z.array(RequirementResultSchema),
  scenarios: z.array(z.object({
    name: z.string(),
    feature: z.string(),
    status: z.enum(['passed', 'failed', 'skipped']),
    requirements: z.array(z.string()),
    message: z.string().optional(),
  })).default([]),
  sequences: z.array(sequenceEvidence.extend({ requirements: z.array(z.string()) })).default([]),
  summary: z.object({
    passed: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    notApplicable: z.number().int(),
    mustFailed: z.number().int(),
    mustSkipped: z.number().int(),
    notYetCovered: z.number().int(),
  }),
});

/** A parsed `report.json`. */
export type Report = z.infer<typeof ReportSchema>;
