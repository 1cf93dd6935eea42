/**
 * Domain checks: pure functions of observed data that return typed results or findings, never throwing
 * for a conformance failure. Subnet arithmetic, the activation-key codec and what a key must carry, feature
 * guidance rules, the negotiator's parameter choice, pagination walks, the key issuer's role, implemented
 * operations, secrets given back in answers, and the facts environments publish.
 * @packageDocumentation
 */
export * from './model.js';
export * from './cidr.js';
export * from './activation-key.js';
export * from './guidance.js';
export * from './feature-choice.js';
export * from './pagination.js';
export * from './topology.js';
export * from './authentication.js';
export * from './retry-window.js';
export * from './key-content.js';
export * from './issuer-role.js';
export * from './operations.js';
export * from './secret-echo.js';
export * from './environment-facts.js';
export * from './bgp.js';
export * from './negotiator-conduct.js';
