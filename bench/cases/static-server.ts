/**
 * Benchmark case: a minimal HTTP server answering every request with the same small JSON body, so that a
 * load comparison measures the clients rather than the server. Runs until stdin closes.
 * @packageDocumentation
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { main, READY } from '../support/protocol.js';

const BODY = JSON.stringify({ environments: [{ name: 'providers/aws/environments/bench-1', displayName: 'bench' }] });

main(async () => {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
    res.end(BODY);
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${READY}${JSON.stringify({ baseUrl: `http://127.0.0.1:${port}/cc/v1` })}\n`);
  process.stdin.resume();
  await new Promise<void>((resolve) => { process.stdin.once('end', resolve); process.stdin.once('close', resolve); process.once('SIGTERM', resolve); });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  process.stdin.destroy();
});
