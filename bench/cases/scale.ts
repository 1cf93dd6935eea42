/**
 * Benchmark case: the kit's discovery and schema checks against a reference seeded with many connections
 * (served by another process): the `@schema` scenarios as `ictk run` runs them, then a walk that lists every
 * connection page by page, reads each connection's features and validates every body against the spec,
 * recording every exchange as a run does. Reports time per resource and peak RSS.
 * @packageDocumentation
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoordinatorApi, ExchangeLog, HttpClient, walkPages, type Exchange } from '../../src/client/index.js';
import { parseConfig } from '../../src/config/index.js';
import { redactSecrets } from '../../src/report/index.js';
import { certify } from '../../src/runner/run.js';
import { createValidators } from '../../src/spec/validators.js';
import { args, emit, main, peakRssMb } from '../support/protocol.js';

interface ScaleArgs {
  readonly baseUrl: string;
  readonly hooksUrl: string;
  readonly providerId: string;
  readonly accountId: string;
  readonly seeded: number;
}

const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
const last = (name: unknown): string => (typeof name === 'string' ? (name.split('/').pop() ?? '') : '');

async function schemaScenarios(a: ScaleArgs): Promise<{ ms: number; verdict: string; failed: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'ictk-bench-scale-'));
  try {
    const config = parseConfig({ candidate: { baseUrl: a.baseUrl, hooksUrl: a.hooksUrl, providerId: a.providerId, accountId: a.accountId }, sla: { loadRequests: 0 }, reportDir: dir });
    const t0 = performance.now();
    const { report } = await certify({ config, tags: '@schema' });
    return { ms: Math.round(performance.now() - t0), verdict: report.verdict, failed: report.requirements.filter((r) => r.status === 'failed').map((r) => r.id) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function walkAll(a: ScaleArgs): Promise<{ ms: number; connections: number; features: number; exchanges: number; invalid: number }> {
  const log = new ExchangeLog(redactSecrets);
  const http = new HttpClient({ baseUrl: a.baseUrl, log });
  const api = new CoordinatorApi(http, 'aws');
  const v = createValidators();
  let invalid = 0;
  const check = (operation: string, e: Exchange): void => { if (e.status !== 200 || v.validateResponse(operation, e.responseBody).length > 0) invalid += 1; };
  let connections = 0;
  let features = 0;
  const t0 = performance.now();
  try {
    for (const env of (rec((await api.listEnvironments()).responseBody)['environments'] as unknown[] | undefined) ?? []) {
      const envId = last(rec(env)['name']);
      for (const ix of (rec((await api.listInterconnects(envId, { pageSize: 100 })).responseBody)['interconnects'] as unknown[] | undefined) ?? []) {
        const ref = { env: envId, ix: last(rec(ix)['name']) };
        const walk = await walkPages((q) => api.listConnections(ref, q), 'connections', 100, 100_000);
        for (const p of walk.pages) check('ListConnections', p.exchange);
        for (const c of walk.items) {
          connections += 1;
          const fe = await api.listFeatures(ref, last(c['name']), { pageSize: 100 });
          check('ListFeatures', fe);
          features += ((rec(fe.responseBody)['features'] as unknown[] | undefined) ?? []).length;
        }
      }
    }
    return { ms: Math.round(performance.now() - t0), connections, features, exchanges: log.lastSeq, invalid };
  } finally {
    await http.close();
  }
}

main(async () => {
  const a = args<ScaleArgs>();
  const schema = await schemaScenarios(a);
  const rssAfterSchemaMb = peakRssMb();
  const walk = await walkAll(a);
  const resources = walk.connections + walk.features;
  emit({
    seeded: a.seeded, connections: walk.connections, features: walk.features, schemaScenariosMs: schema.ms, schemaVerdict: schema.verdict,
    schemaFailed: schema.failed, walkMs: walk.ms, exchanges: walk.exchanges, invalidBodies: walk.invalid,
    msPerResource: resources > 0 ? Math.round((walk.ms / resources) * 1000) / 1000 : null, rssAfterSchemaMb, peakRssMb: peakRssMb(),
  });
});
