/**
 * Benchmark case: the bundled reference partner in its own process, optionally seeded, until stdin closes.
 * @packageDocumentation
 */
import { createReferencePartner, type ReferencePartnerOptions } from '../../src/reference/index.js';
import { args, main, READY } from '../support/protocol.js';

main(async () => {
  const { seedConnections } = args<{ seedConnections?: number }>();
  const opts: ReferencePartnerOptions & { readonly seedConnections?: number } = seedConnections !== undefined ? { seedConnections } : {};
  const partner = await createReferencePartner(opts);
  process.stdout.write(`${READY}${JSON.stringify({ baseUrl: partner.baseUrl, providerId: partner.providerId, hooksUrl: partner.hooksUrl, accountId: partner.accountId })}\n`);
  process.stdin.resume();
  await new Promise<void>((resolve) => { process.stdin.once('end', resolve); process.stdin.once('close', resolve); process.once('SIGTERM', resolve); });
  await partner.close();
  process.stdin.destroy();
});
