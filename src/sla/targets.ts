/**
 * The read operations the SLA load is spread over, from the discovered topology and, when the kit
 * negotiated one, a connection.
 */
import type { CoordinatorApi, IxRef } from '../client/index.js';
import type { Topology } from '../runner/topology.js';
import type { LoadTarget } from './load.js';

/** A connection the kit holds on the candidate, to read during the load. */
export interface LoadConnection {
  /** Its interconnect. */
  readonly ref: IxRef;
  /** Connection id. */
  readonly id: string;
}

/** Path builder the targets need (a {@link CoordinatorApi} fits). */
export type TargetPaths = Pick<CoordinatorApi, 'providerPath' | 'envPath' | 'ixPath' | 'channelPath' | 'connectionPath'>;

/**
 * Read targets: ListEnvironments; per environment GetEnvironment and ListInterconnects; per interconnect
 * GetInterconnect, ListChannels and ListConnections; per channel GetChannel; for the connection
 * GetConnection and ListFeatures. At most `maxPerOperation` targets per operation (default 16).
 */
export function readTargets(paths: TargetPaths, topology: Topology, connection?: LoadConnection, maxPerOperation = 16): LoadTarget[] {
  const out: LoadTarget[] = [{ operation: 'ListEnvironments', path: `${paths.providerPath()}/environments` }];
  const count = new Map<string, number>();
  const add = (operation: string, path: string): void => {
    const n = count.get(operation) ?? 0;
    if (n >= maxPerOperation) return;
    count.set(operation, n + 1);
    out.push({ operation, path });
  };
  for (const env of topology.environments) {
    add('GetEnvironment', paths.envPath(env.id));
    add('ListInterconnects', `${paths.envPath(env.id)}/interconnects`);
    for (const ix of env.interconnects) {
      add('GetInterconnect', paths.ixPath(ix.ref));
      add('ListChannels', `${paths.ixPath(ix.ref)}/channels`);
      add('ListConnections', `${paths.ixPath(ix.ref)}/connections`);
      for (const ch of ix.channels) add('GetChannel', paths.channelPath(ix.ref, ch.id));
    }
  }
  if (connection !== undefined) {
    add('GetConnection', paths.connectionPath(connection.ref, connection.id));
    add('ListFeatures', `${paths.connectionPath(connection.ref, connection.id)}/features`);
  }
  return out;
}
