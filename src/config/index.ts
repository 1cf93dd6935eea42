/**
 * Run configuration: schema, loading and secret lookup.
 * @packageDocumentation
 */
export { ConfigSchema, AuthSchema, PeerAuthSchema, TlsSchema, type RunConfig, type RunConfigInput } from './schema.js';
export { loadConfigFile, parseConfig, readSecret, describeIssues, suggestKey } from './load.js';
