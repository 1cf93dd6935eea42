import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultUpstreamDir, errataPath, packageRoot, specPath } from './spec-files.js';

test('the package root is found by walking up from the compiled module to spec/openapi.yaml', () => {
  const root = packageRoot();
  assert.ok(existsSync(join(root, 'spec', 'openapi.yaml')));
  assert.ok(existsSync(join(root, 'package.json')));
  assert.equal(specPath(), join(root, 'spec', 'openapi.yaml'));
  assert.equal(errataPath(), join(root, 'spec', 'ERRATA.md'));
});

test('the package root is also found from a file URL deep inside the package', () => {
  const deep = pathToFileURL(join(packageRoot(), 'dist', 'src', 'spec', 'spec-files.js')).href;
  assert.equal(packageRoot(deep), packageRoot());
});

test('a start outside any package holding spec/openapi.yaml is an error that names the start', () => {
  const lonely = mkdtempSync(join(tmpdir(), 'ctk-no-spec-'));
  assert.throws(() => packageRoot(lonely), /no spec\/openapi\.yaml above/);
});

test('the upstream directory defaults to ../shared/upstream-spec and honours ICTK_UPSTREAM_DIR', () => {
  assert.equal(defaultUpstreamDir({}), resolve(packageRoot(), '..', 'shared', 'upstream-spec'));
  assert.equal(defaultUpstreamDir({ ICTK_UPSTREAM_DIR: '/elsewhere/upstream' }), resolve('/elsewhere/upstream'));
  assert.equal(defaultUpstreamDir({ ICTK_UPSTREAM_DIR: '' }), resolve(packageRoot(), '..', 'shared', 'upstream-spec'));
});
