/**
 * The spec as the kit encodes it: the OpenAPI document and its validators, the requirement catalog, and the
 * drift between the kit's encoding and upstream.
 * @packageDocumentation
 */
export * from './categories.js';
export { loadCatalog, findPackageRoot, RequirementSchema, CatalogFileSchema, REQUIREMENT_ID_PATTERN, type Catalog, type Requirement } from './catalog.js';
export { loadSpec, readSpecDocument, validateSpecFile, operations, matchOperation, type OperationInfo, type OperationMatch, type OpenApiDocument } from './openapi.js';
export { createValidators, type Validators, type ValidationIssue } from './validators.js';
export { computeDrift, expectedDrift, compareDrift, formatDrift, type DriftReport, type DriftComparison } from './drift.js';
export { packageRoot, specDir, specPath, errataPath, defaultUpstreamDir } from './spec-files.js';
