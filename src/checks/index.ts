/**
 * Domain checks: pure functions of observed data that return typed results or findings, never throwing
 * for a conformance failure. Subnet arithmetic, the activation-key codec, feature guidance rules, the
 * negotiator's parameter choice and pagination walks.
 * @packageDocumentation
 */
export * from './model.js';
export * from './cidr.js';
export * from './activation-key.js';
export * from './guidance.js';
export * from './feature-choice.js';
export * from './pagination.js';
export * from './topology.js';
export * from './bgp.js';
export * from './negotiator-conduct.js';
