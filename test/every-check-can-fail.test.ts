/**
 * Every requirement a scenario judges can be made to fail: some reference fault declares it among the requirements
 * it breaks (and the fault tables prove that it does), or it is listed below with the reason no fault of the
 * reference can break it and where its failing side is proven instead. The list cannot go stale: an id that a fault
 * now breaks, or that no scenario judges any more, must leave it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FAULTS } from '../src/reference/index.js';
import { readScenarios } from '../src/runner/features.js';
import { loadCatalog } from '../src/spec/catalog.js';
import { packageRoot } from '../src/spec/spec-files.js';

/** Judged requirements no reference fault breaks, with why and where their failure is shown instead. */
const NO_FAULT: Readonly<Record<string, string>> = {
  'CC-MS-006': 'the kit manages only the channels the candidate hands it, so the N+1 limit per interconnect cannot be exceeded by a reference fault without breaking CC-MS-004 first; src/checks/macsec.test.ts fails the count',
  'CC-MS-009': 'a MAY: reported as the reading the candidate chose (declined or accepted), never failed',
  'CC-MS-019': 'a MAY: reported as the reading the candidate chose, never failed',
  'CC-MS-035': 'a MAY: reported when the candidate forwards rotations, not applicable otherwise, never failed',
  'CC-RES-014': 'needs a channel disabled in staging, which no API operation makes; judged only where the candidate publishes one (src/checks/topology.test.ts fails it)',
  'CC-SEC-001': 'the reference serves plain http on loopback (not assessed); src/client/tls-probe.test.ts fails TLS 1.2 servers with real certificates',
  'CC-SEC-002': 'not applicable while the kit\'s peer API listens on plain http; the kit cannot see the TLS version a terminating proxy negotiated',
  'CC-SLA-007': 'judged from the partner\'s monitoring export, not from the reference; test/cli-sla-evidence.test.ts and src/sla/cli-command.test.ts fail a failing sample',
  'CC-SLA-008': 'judged from the partner\'s monitoring export; src/sla/cli-command.test.ts fails a stricter RTT threshold',
  'CC-SLA-009': 'judged from the partner\'s monitoring export; test/cli-sla-evidence.test.ts names the gap of the failing sample',
};

test('every requirement a scenario judges is broken by some reference fault, or listed with the reason none can break it', () => {
  const catalog = loadCatalog();
  const judged = new Set(readScenarios(join(packageRoot(), 'features')).flatMap((s) => s.requirements));
  const broken = new Set(Object.values(FAULTS).flatMap((f) => f.breaks));
  const unbreakable = [...judged].filter((id) => !broken.has(id) && NO_FAULT[id] === undefined).sort();
  assert.deepEqual(unbreakable, [], 'add a reference fault that makes each of these fail (or list it in NO_FAULT with the reason)');
  const stale = Object.keys(NO_FAULT).filter((id) => broken.has(id) || !judged.has(id) || catalog.byId(id) === undefined).sort();
  assert.deepEqual(stale, [], 'these are broken by a fault now, or judged by no scenario: remove them from NO_FAULT');
});
