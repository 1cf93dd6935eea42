/**
 * A typed facade over the Connection Coordinator API of one server, as seen by one calling provider.
 * Every method returns the {@link Exchange}; nothing throws on HTTP status.
 * @packageDocumentation
 */
import type { Exchange } from './exchange.js';
import type { HttpClient } from './http.js';

/** Query parameters of list operations. */
export interface PageQuery {
  /** Maximum items per page. */
  readonly pageSize?: number;
  /** Token from a previous page. */
  readonly pageToken?: string;
}

/** Identifies an interconnect (environment id plus interconnect id). */
export interface IxRef {
  /** Environment id (last segment of its name). */
  readonly env: string;
  /** Interconnect id. */
  readonly ix: string;
}

const seg = encodeURIComponent;

/** Calls one server's Connection Coordinator API under `/providers/{caller}`. */
export class CoordinatorApi {
  readonly #http: HttpClient;
  /** The provider id used in the path (the caller's own id). */
  readonly caller: string;

  /** Binds the facade to a client and the calling provider id. */
  constructor(http: HttpClient, caller: string) {
    this.#http = http;
    this.caller = caller;
  }

  /** The underlying HTTP client. */
  get http(): HttpClient { return this.#http; }

  /** Path of the caller's provider resource. */
  providerPath(provider = this.caller): string { return `/providers/${seg(provider)}`; }
  /** Path of an environment. */
  envPath(env: string): string { return `${this.providerPath()}/environments/${seg(env)}`; }
  /** Path of an interconnect. */
  ixPath(r: IxRef): string { return `${this.envPath(r.env)}/interconnects/${seg(r.ix)}`; }
  /** Path of a channel. */
  channelPath(r: IxRef, channel: string): string { return `${this.ixPath(r)}/channels/${seg(channel)}`; }
  /** Path of a connection. */
  connectionPath(r: IxRef, conn: string): string { return `${this.ixPath(r)}/connections/${seg(conn)}`; }
  /** Path of a feature. */
  featurePath(r: IxRef, conn: string, feature: string): string { return `${this.connectionPath(r, conn)}/features/${seg(feature)}`; }

  /** Sends any call (used for malformed-input checks and generic list walks). */
  call(operation: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, opts: { query?: Record<string, string | number | undefined>; body?: unknown; raw?: string; unrecorded?: boolean } = {}): Promise<Exchange> {
    return this.#http.call({ operation, method, path, ...opts });
  }

  /** ListProviders. */
  listProviders(): Promise<Exchange> { return this.call('ListProviders', 'GET', '/providers'); }
  /** GetProvider. */
  getProvider(provider = this.caller): Promise<Exchange> { return this.call('GetProvider', 'GET', this.providerPath(provider)); }
  /** ListEnvironments. */
  listEnvironments(q: PageQuery = {}): Promise<Exchange> { return this.call('ListEnvironments', 'GET', `${this.providerPath()}/environments`, { query: { ...q } }); }
  /** GetEnvironment. */
  getEnvironment(env: string): Promise<Exchange> { return this.call('GetEnvironment', 'GET', this.envPath(env)); }
  /** ConfirmActivationKey with a request body as given (normally `{ encodedKey }`). */
  confirmActivationKey(env: string, body: unknown): Promise<Exchange> { return this.call('ConfirmActivationKey', 'POST', `${this.envPath(env)}/ConfirmActivationKey`, { body }); }
  /** ListInterconnects. */
  listInterconnects(env: string, q: PageQuery = {}): Promise<Exchange> { return this.call('ListInterconnects', 'GET', `${this.envPath(env)}/interconnects`, { query: { ...q } }); }
  /** GetInterconnect. */
  getInterconnect(r: IxRef): Promise<Exchange> { return this.call('GetInterconnect', 'GET', this.ixPath(r)); }
  /** ListChannels. */
  listChannels(r: IxRef, q: PageQuery = {}): Promise<Exchange> { return this.call('ListChannels', 'GET', `${this.ixPath(r)}/channels`, { query: { ...q } }); }
  /** GetChannel. */
  getChannel(r: IxRef, channel: string): Promise<Exchange> { return this.call('GetChannel', 'GET', this.channelPath(r, channel)); }
  /** ListConnections. */
  listConnections(r: IxRef, q: PageQuery = {}): Promise<Exchange> { return this.call('ListConnections', 'GET', `${this.ixPath(r)}/connections`, { query: { ...q } }); }
  /** GetConnection. */
  getConnection(r: IxRef, conn: string): Promise<Exchange> { return this.call('GetConnection', 'GET', this.connectionPath(r, conn)); }
  /** CreateConnection with `connectionId` = the shared UUID. */
  createConnection(r: IxRef, connectionId: string, body: unknown): Promise<Exchange> {
    return this.call('CreateConnection', 'POST', `${this.ixPath(r)}/connections`, { query: { connectionId }, body });
  }
  /** UpdateConnection with an update mask. */
  updateConnection(r: IxRef, conn: string, updateMask: string | undefined, body: unknown): Promise<Exchange> {
    return this.call('UpdateConnection', 'PATCH', this.connectionPath(r, conn), { query: { updateMask }, body });
  }
  /** DeleteConnection. */
  deleteConnection(r: IxRef, conn: string): Promise<Exchange> { return this.call('DeleteConnection', 'DELETE', this.connectionPath(r, conn)); }
  /** GenerateFeatureGuidance (empty request body). */
  generateFeatureGuidance(r: IxRef, conn: string): Promise<Exchange> { return this.call('GenerateFeatureGuidance', 'POST', `${this.connectionPath(r, conn)}/GenerateFeatureGuidance`, { body: {} }); }
  /** NotifyConnectionStatus (empty request body). */
  notifyConnectionStatus(r: IxRef, conn: string): Promise<Exchange> { return this.call('NotifyConnectionStatus', 'POST', `${this.connectionPath(r, conn)}/NotifyConnectionStatus`, { body: {} }); }
  /** ListFeatures. */
  listFeatures(r: IxRef, conn: string, q: PageQuery = {}): Promise<Exchange> { return this.call('ListFeatures', 'GET', `${this.connectionPath(r, conn)}/features`, { query: { ...q } }); }
  /** GetFeature. */
  getFeature(r: IxRef, conn: string, feature: string): Promise<Exchange> { return this.call('GetFeature', 'GET', this.featurePath(r, conn, feature)); }
  /** CreateFeature. */
  createFeature(r: IxRef, conn: string, featureId: string, body: unknown): Promise<Exchange> {
    return this.call('CreateFeature', 'POST', `${this.connectionPath(r, conn)}/features`, { query: { featureId }, body });
  }
  /** DeleteFeature. */
  deleteFeature(r: IxRef, conn: string, feature: string): Promise<Exchange> { return this.call('DeleteFeature', 'DELETE', this.featurePath(r, conn, feature)); }
  /** GetMaintenanceEvents. */
  getMaintenanceEvents(r: IxRef, channel: string): Promise<Exchange> { return this.call('GetMaintenanceEvents', 'GET', `${this.channelPath(r, channel)}/maintenanceEvents`); }
  /** NotifyMaintenance (sends `{}`: the only upstream field is deprecated). */
  notifyMaintenance(r: IxRef, channel: string): Promise<Exchange> { return this.call('NotifyMaintenance', 'POST', `${this.channelPath(r, channel)}/NotifyMaintenance`, { body: {} }); }
  /** RequestMacSecKeyRotation. */
  requestMacSecKeyRotation(r: IxRef, channel: string, reason?: string): Promise<Exchange> {
    return this.call('RequestMacSecKeyRotation', 'POST', `${this.channelPath(r, channel)}/RequestMacSecKeyRotation`, { body: reason !== undefined ? { reason } : {} });
  }
  /** ListMacSecKeys. */
  listMacSecKeys(r: IxRef, channel: string): Promise<Exchange> { return this.call('ListMacSecKeys', 'GET', `${this.channelPath(r, channel)}/macSecKeys`); }
  /** GetMacSecKey. */
  getMacSecKey(r: IxRef, channel: string, key: string): Promise<Exchange> { return this.call('GetMacSecKey', 'GET', `${this.channelPath(r, channel)}/macSecKeys/${seg(key)}`); }
  /** CreateMacSecKey. */
  createMacSecKey(r: IxRef, channel: string, macSecKeyId: string, body: unknown): Promise<Exchange> {
    return this.call('CreateMacSecKey', 'POST', `${this.channelPath(r, channel)}/macSecKeys`, { query: { macSecKeyId }, body });
  }
  /** DeleteMacSecKey. */
  deleteMacSecKey(r: IxRef, channel: string, key: string): Promise<Exchange> { return this.call('DeleteMacSecKey', 'DELETE', `${this.channelPath(r, channel)}/macSecKeys/${seg(key)}`); }
  /** ListIssues. */
  listIssues(q: PageQuery = {}): Promise<Exchange> { return this.call('ListIssues', 'GET', `${this.providerPath()}/issues`, { query: { ...q } }); }
  /** CreateIssue. */
  createIssue(issueId: string, body: unknown): Promise<Exchange> { return this.call('CreateIssue', 'POST', `${this.providerPath()}/issues`, { query: { issueId }, body }); }
  /** GetIssue. */
  getIssue(issue: string): Promise<Exchange> { return this.call('GetIssue', 'GET', `${this.providerPath()}/issues/${seg(issue)}`); }
  /** CloseIssue. */
  closeIssue(issue: string): Promise<Exchange> { return this.call('CloseIssue', 'POST', `${this.providerPath()}/issues/${seg(issue)}/Close`, { body: {} }); }
  /** AddComment. */
  addComment(issue: string, body: string): Promise<Exchange> { return this.call('AddComment', 'POST', `${this.providerPath()}/issues/${seg(issue)}/AddComment`, { body: { comment: { body } } }); }
  /** ListComments. */
  listComments(issue: string, q: PageQuery = {}): Promise<Exchange> { return this.call('ListComments', 'GET', `${this.providerPath()}/issues/${seg(issue)}/comments`, { query: { ...q } }); }
}

/** The customer-action hooks a candidate exposes (kit-contracts.md section 3). */
export class HooksApi {
  readonly #http: HttpClient;

  /** Binds to the hooks base URL client. */
  constructor(http: HttpClient) { this.#http = http; }

  /** PUT /peer: names the kit as the counterpart. */
  putPeer(providerId: string, baseUrl: string): Promise<Exchange> { return this.#http.call({ operation: 'hook:peer', method: 'PUT', path: '/peer', body: { providerId, baseUrl } }); }
  /** POST /activation-keys: a customer orders a connection at the candidate. */
  issueActivationKey(environment: string, bandwidthMbps: number, remoteAccountId: string): Promise<Exchange> {
    return this.#http.call({ operation: 'hook:activation-keys', method: 'POST', path: '/activation-keys', body: { environment, bandwidthMbps, remoteAccountId } });
  }
  /** POST /accepted-keys: a customer enters a key the kit issued. */
  acceptKey(activationKey: string, accountId: string): Promise<Exchange> {
    return this.#http.call({ operation: 'hook:accepted-keys', method: 'POST', path: '/accepted-keys', body: { activationKey, accountId } });
  }
  /** PATCH /connections/{uuid}: a customer changes bandwidth. */
  changeBandwidth(uuid: string, bandwidthMbps: number): Promise<Exchange> {
    return this.#http.call({ operation: 'hook:update-connection', method: 'PATCH', path: `/connections/${seg(uuid)}`, body: { bandwidthMbps } });
  }
  /** DELETE /connections/{uuid}: a customer deletes a connection. */
  deleteConnection(uuid: string): Promise<Exchange> { return this.#http.call({ operation: 'hook:delete-connection', method: 'DELETE', path: `/connections/${seg(uuid)}` }); }
  /** POST /macsec-rotations. */
  rotateMacsec(channel: string): Promise<Exchange> { return this.#http.call({ operation: 'hook:macsec-rotations', method: 'POST', path: '/macsec-rotations', body: { channel } }); }
  /** POST /maintenance-events. */
  scheduleMaintenance(channel: string, startTime: string, endTime: string): Promise<Exchange> {
    return this.#http.call({ operation: 'hook:maintenance-events', method: 'POST', path: '/maintenance-events', body: { channel, startTime, endTime } });
  }
}
