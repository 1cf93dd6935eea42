/**
 * Steps for features/security.feature: the TLS version of the candidate's API (src/client/tls-probe.ts) and
 * whether the candidate's own calls to the kit can be judged.
 * @packageDocumentation
 */
import { Then } from '@cucumber/cucumber';
import { decideTransport, isLoopbackHost, needsProbe, probeTls, transportTable } from '../src/client/tls-probe.js';
import { expectation } from '../src/runner/evidence.js';
import type { CtkWorld } from './support/world.js';

Then('the kit finds the candidate\'s API encrypted with TLS 1.3 or newer', async function (this: CtkWorld) {
  const { baseUrl: url, tls } = this.ctx.config.candidate;
  const probe = needsProbe(url) ? await probeTls(url, tls, this.ctx.config.timeouts.requestMs) : null;
  const d = decideTransport(url, probe);
  const table = transportTable(url, tls, probe);
  if (d.outcome === 'na') { this.notApplicable('CC-SEC-001', d.summary, [table]); return; }
  if (d.outcome === 'skip') { this.stop = { reason: d.summary, skip: true }; return; }
  this.judge('CC-SEC-001', d.outcome === 'pass', d.summary, [expectation('TLS 1.3 or newer (TLSv1.3)', d.summary), table]);
});

Then('the kit finds the candidate\'s calls to the kit encrypted with TLS 1.3 or newer', function (this: CtkWorld) {
  const peer = new URL(this.ctx.peer.baseUrl);
  const why = peer.protocol === 'http:'
    ? `the kit's peer API listens on plain http${isLoopbackHost(peer.hostname) ? ' on loopback' : ''} (kit.peerListen), so the TLS version of the candidate's calls cannot be observed`
    : `TLS toward the kit's peer API at ${peer.origin} ends before the kit, which therefore cannot see the version the candidate negotiated`;
  this.notApplicable('CC-SEC-002', `transport security of the candidate's calls was not assessed: ${why}`);
});
