/**
 * Assembling the report from the catalog, the judgements and the scenario outcomes.
 * @packageDocumentation
 */
import type { ReportInput } from '../report/index.js';
import { REPORT_FORMAT_VERSION } from '../report/index.js';
import type { Catalog } from '../spec/catalog.js';
import type { ScenarioOutcome } from './cucumber.js';
import type { ScenarioInfo } from './features.js';
import type { JudgementBook } from './judgements.js';
import type { PreflightItem } from './preflight.js';
import { decideVerdict, resolveRequirement, summarize, type Coverage } from './verdict.js';

/** Everything the report is assembled from. */
export interface AssembleInput {
  /** Kit version. */
  readonly kitVersion: string;
  /** The catalog. */
  readonly catalog: Catalog;
  /** Judgements made. */
  readonly judgements: JudgementBook;
  /** Every scenario of the kit, with tags. */
  readonly allScenarios: readonly ScenarioInfo[];
  /** Scenarios selected by the tag expression. */
  readonly selectedScenarios: readonly ScenarioInfo[];
  /** Outcomes of the scenarios that ran. */
  readonly outcomes: readonly ScenarioOutcome[];
  /** Preflight items. */
  readonly preflight: readonly PreflightItem[];
  /** Candidate identity. */
  readonly candidate: { baseUrl: string; providerId: string; hooksUrl: string | null };
  /** Run facts. */
  readonly run: { tags: string | null; reference: boolean; fault: string | null };
  /** Start and end times. */
  readonly startedAt: Date;
  /** End time. */
  readonly finishedAt: Date;
  /** True when the run was interrupted. */
  readonly interrupted: boolean;
  /** Sequence diagrams of the conversations. */
  readonly sequences: ReportInput['sequences'];
}

/** Coverage of the catalog by the kit's scenarios. */
export function coverageOf(all: readonly ScenarioInfo[], selected: readonly ScenarioInfo[]): Coverage {
  const scenariosById = new Map<string, string[]>();
  for (const s of all) for (const id of s.requirements) scenariosById.set(id, [...(scenariosById.get(id) ?? []), `${s.feature}: ${s.name}`]);
  for (const [k, v] of scenariosById) scenariosById.set(k, [...new Set(v)]);
  return {
    covered: new Set(all.flatMap((s) => s.requirements)),
    selected: new Set(selected.flatMap((s) => s.requirements)),
    scenariosById,
  };
}

/** Builds the report object (not yet validated or written). */
export function assembleReport(i: AssembleInput): ReportInput {
  const cov = coverageOf(i.allScenarios, i.selectedScenarios);
  const requirements = i.catalog.entries.map((e) => resolveRequirement(e, i.judgements.for(e.id), cov));
  const { verdict, reason } = decideVerdict(requirements, i.interrupted);
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    kit: { name: 'interconnect-ctk', version: i.kitVersion, spec: i.catalog.upstreamCommit },
    candidate: i.candidate,
    run: { ...i.run, node: process.version, platform: `${process.platform}-${process.arch}` },
    startedAt: i.startedAt.toISOString(),
    finishedAt: i.finishedAt.toISOString(),
    verdict,
    verdictReason: reason,
    preflight: i.preflight.map((p) => ({ check: p.check, ok: p.ok, detail: p.detail })),
    requirements,
    scenarios: i.outcomes.map((o) => ({
      name: o.name, feature: o.feature, status: o.status,
      requirements: o.tags.map((t) => /^@(CC-[A-Z]{2,3}-\d{3})$/.exec(t)?.[1]).filter((x): x is string => x !== undefined),
      ...(o.message !== undefined ? { message: o.message } : {}),
    })),
    sequences: i.sequences,
    summary: summarize(requirements),
  };
}
