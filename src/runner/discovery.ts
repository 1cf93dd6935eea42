/**
 * Discovering the candidate's static resources through its API.
 * @packageDocumentation
 */
import { walkPages, type CoordinatorApi } from '../client/index.js';
import { lastSegment, numberList, type ChannelInfo, type EnvironmentInfo, type InterconnectInfo, type Topology } from './topology.js';

/** The discovered topology plus problems met on the way (each a readable line). */
export interface Discovery {
  /** What was found. */
  readonly topology: Topology;
  /** Problems (non-2xx pages, bodies that are not objects). */
  readonly problems: readonly string[];
}

/** Lists every environment, interconnect and channel the candidate exposes to the kit. */
export async function discover(api: CoordinatorApi): Promise<Discovery> {
  const problems: string[] = [];
  const envWalk = await walkPages((q) => api.listEnvironments(q), 'environments');
  if (envWalk.problem !== undefined) problems.push(`ListEnvironments: ${envWalk.problem}`);
  const environments: EnvironmentInfo[] = [];
  for (const env of envWalk.items) {
    const envId = lastSegment(env['name']);
    const ixWalk = await walkPages((q) => api.listInterconnects(envId, q), 'interconnects');
    if (ixWalk.problem !== undefined) problems.push(`ListInterconnects ${envId}: ${ixWalk.problem}`);
    const interconnects: InterconnectInfo[] = [];
    for (const ix of ixWalk.items) {
      const ref = { env: envId, ix: lastSegment(ix['name']) };
      const chWalk = await walkPages((q) => api.listChannels(ref, q), 'channels');
      if (chWalk.problem !== undefined) problems.push(`ListChannels ${envId}/${ref.ix}: ${chWalk.problem}`);
      const channels: ChannelInfo[] = chWalk.items.map((c) => ({ id: lastSegment(c['name']), name: typeof c['name'] === 'string' ? c['name'] : '', resource: c }));
      interconnects.push({
        id: ref.ix, ref, resource: ix, channels,
        state: typeof ix['state'] === 'string' ? ix['state'] : '',
        maxBandwidthMbps: typeof ix['maxBandwidthMbps'] === 'number' ? ix['maxBandwidthMbps'] : 0,
        sizes: numberList(ix['supportedConnectionSizeMbps']),
      });
    }
    environments.push({ id: envId, resource: env, sizes: numberList(env['supportedConnectionSizeMbps']), interconnects });
  }
  return { topology: { environments }, problems };
}
