/**
 * Locates the kit's spec/ folder (and the upstream spec beside a checkout) at run time, from the
 * compiled module's own location, so the kit works from a checkout, from dist/ and when installed.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Name of the kit's encoded OpenAPI document inside spec/. */
export const SPEC_FILE_NAME = 'openapi.yaml';
/** Name of the errata document inside spec/. */
export const ERRATA_FILE_NAME = 'ERRATA.md';

/**
 * Walks up from `startUrl` (a file: URL or a path; default this module) to the first folder that
 * holds spec/openapi.yaml, and returns that folder: the package root.
 * @throws Error when no such folder exists above the start (the package is incomplete).
 */
export function packageRoot(startUrl: string = import.meta.url): string {
  let dir = startUrl.startsWith('file:') ? dirname(fileURLToPath(startUrl)) : resolve(startUrl);
  for (;;) {
    if (existsSync(join(dir, 'spec', SPEC_FILE_NAME))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`interconnect-ctk is incomplete: no spec/${SPEC_FILE_NAME} above ${startUrl}`);
    }
    dir = parent;
  }
}

/** Absolute path of the kit's spec/ folder. */
export function specDir(): string {
  return join(packageRoot(), 'spec');
}

/** Absolute path of the kit's encoded OpenAPI document (spec/openapi.yaml). */
export function specPath(): string {
  return join(specDir(), SPEC_FILE_NAME);
}

/** Absolute path of the kit's errata (spec/ERRATA.md). */
export function errataPath(): string {
  return join(specDir(), ERRATA_FILE_NAME);
}

/**
 * The upstream spec directory the kit's own tests compare against: `ICTK_UPSTREAM_DIR` when set
 * in `env`, otherwise `../shared/upstream-spec` relative to the package root. The directory may
 * not exist; callers check.
 */
export function defaultUpstreamDir(env: Readonly<Record<string, string | undefined>> = {}): string {
  const fromEnv = env['ICTK_UPSTREAM_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return resolve(packageRoot(), '..', 'shared', 'upstream-spec');
}
