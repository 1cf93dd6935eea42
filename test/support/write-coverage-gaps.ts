/**
 * Rewrites test/coverage-gaps.json from the features and the catalog: run it on purpose after adding
 * scenarios (`node dist/test/support/write-coverage-gaps.js`), then review the diff.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readScenarios } from '../../src/runner/features.js';
import { loadCatalog } from '../../src/spec/catalog.js';
import { packageRoot } from '../../src/spec/spec-files.js';

const root = packageRoot();
const covered = new Set(readScenarios(join(root, 'features')).flatMap((s) => s.requirements));
const gaps = loadCatalog().entries.filter((e) => e.testable !== 'no' && !covered.has(e.id)).map((e) => e.id).sort();
writeFileSync(join(root, 'test', 'coverage-gaps.json'), `${JSON.stringify({ notYetCovered: gaps }, null, 2)}\n`);
process.stdout.write(`${gaps.length} testable requirement(s) not yet covered\n`);
