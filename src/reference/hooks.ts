/**
 * The customer-action hooks (kit-contracts.md section 3) of the reference partner: routing and the hooks
 * that start a connection (PUT /peer, POST /activation-keys, POST /accepted-keys).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { ActivationKey } from '../checks/index.js';
import type { Reply } from '../server/index.js';
import { success, type PartnerContext } from './context.js';
import { issuerActsFirst, keyEncoding, keyUuid, type KeyHookFaultName } from './faults-coverage.js';
import { deleteConnectionHook, maintenanceHook, rotationHook, updateConnectionHook } from './hooks-lifecycle.js';
import { acceptKey, keyRefusal } from './negotiator.js';
import type { RotationQueue } from './rotation.js';

/** A hook's answer: status and JSON body (`{reason}` on refusals). */
export type HookReply = Reply;

/** A refusal with a reason. */
export function refuse(status: number, reason: string): HookReply {
  return { status, body: { reason } };
}

/** The message of an engine error reply (`{error: {message}}`), for a hook's `{reason}`. */
export function messageOf(reply: Reply): string {
  const error = (reply.body as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' ? error.message : `refused with ${reply.status}`;
}

/** Validates a hook body with zod, or answers 400 with every problem. */
export function hookBody<T>(schema: z.ZodType<T>, value: unknown): { ok: true; value: T } | { ok: false; reply: HookReply } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reply: refuse(400, parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')) };
}

const PeerBody = z.object({ providerId: z.string().min(1), baseUrl: z.url() });
const KeyOrderBody = z.object({ environment: z.string().min(1), bandwidthMbps: z.number().int(), remoteAccountId: z.string().min(1) });
const AcceptedKeyBody = z.object({ activationKey: z.string().min(1), accountId: z.string().min(1) });

async function putPeer(ctx: PartnerContext, body: unknown): Promise<HookReply> {
  const input = hookBody(PeerBody, body);
  if (!input.ok) return input.reply;
  const { providerId, baseUrl } = input.value;
  const url = `${baseUrl.replace(/\/+$/, '')}/providers/${encodeURIComponent(ctx.local.selfId)}`;
  const res = await ctx.outbound({ method: 'GET', url });
  if (!success(res)) {
    const why = res.status === 0 ? `could not reach ${url}: ${res.error ?? 'transport error'}` : `GetProvider at ${url} answered ${res.status}`;
    return refuse(502, why);
  }
  ctx.registerPeer({ providerId, baseUrl });
  ctx.peerId = providerId;
  return { status: 204 };
}

function orderRefusal(ctx: PartnerContext, env: string, bandwidthMbps: number): string | undefined {
  const spec = ctx.local.topology.environments.find((e) => e.id === env);
  if (!spec) return `unknown environment ${env}`;
  if (ctx.faults.hook('issue-any-bandwidth')) return undefined;
  if (!spec.supportedConnectionSizeMbps.includes(bandwidthMbps)) return `${bandwidthMbps} Mbps is not offered in ${env} (${spec.supportedConnectionSizeMbps.join(', ')})`;
  const room = spec.interconnects.some(
    (ix) => ix.state === 'INTERCONNECT_STATE_ACTIVE' && ix.supportedConnectionSizeMbps.includes(bandwidthMbps) && (ctx.local.availableBandwidth(ctx.peerId, env, ix.id) ?? 0) >= bandwidthMbps,
  );
  return room ? undefined : `no interconnect in ${env} has ${bandwidthMbps} Mbps available`;
}

function postActivationKey(ctx: PartnerContext, body: unknown): HookReply {
  const input = hookBody(KeyOrderBody, body);
  if (!input.ok) return input.reply;
  const { environment, bandwidthMbps, remoteAccountId } = input.value;
  const refusal = orderRefusal(ctx, environment, bandwidthMbps);
  if (refusal) return refuse(400, refusal);
  const on = (name: KeyHookFaultName): boolean => ctx.faults.hook(name);
  const encode = ctx.faults.hook('non-base64-key') ? (key: ActivationKey) => JSON.stringify(key) : keyEncoding(on, ctx.local, environment);
  const issued = ctx.local.issueKey({
    caller: ctx.peerId,
    env: environment,
    bandwidthMbps,
    accountId: remoteAccountId,
    uuid: keyUuid(on, randomUUID),
    ...(encode !== undefined ? { encode } : {}),
  });
  issuerActsFirst(ctx, on, issued, bandwidthMbps);
  return { status: 201, body: { activationKey: issued.encoded } };
}

function postAcceptedKey(ctx: PartnerContext, body: unknown): HookReply {
  const input = hookBody(AcceptedKeyBody, body);
  if (!input.ok) return input.reply;
  const refusal = keyRefusal(ctx, input.value.activationKey, input.value.accountId);
  if (refusal !== undefined) return refuse(400, refusal);
  ctx.background('accepted-key', () => acceptKey(ctx, input.value.activationKey, input.value.accountId));
  return { status: 202, body: {} };
}

/** Routes one hook request (path relative to the hooks root, e.g. `/peer`). */
export async function handleHook(ctx: PartnerContext, rotations: RotationQueue, method: string, path: string, body: unknown): Promise<HookReply> {
  const segments = path.split('/').filter((s) => s.length > 0).map((s) => decodeURIComponent(s));
  const route = `${method} /${segments[0] ?? ''}`;
  const uuid = segments.length === 2 && segments[0] === 'connections' ? segments[1] : undefined;
  if (segments.length === 1) {
    switch (route) {
      case 'PUT /peer': return putPeer(ctx, body);
      case 'POST /activation-keys': return postActivationKey(ctx, body);
      case 'POST /accepted-keys': return postAcceptedKey(ctx, body);
      case 'POST /macsec-rotations': return rotationHook(ctx, rotations, body);
      case 'POST /maintenance-events': return maintenanceHook(ctx, body);
    }
  }
  if (uuid !== undefined && method === 'PATCH') return updateConnectionHook(ctx, uuid, body);
  if (uuid !== undefined && method === 'DELETE') return deleteConnectionHook(ctx, uuid);
  return refuse(404, `no hook ${method} ${path}`);
}

/** Largest hook body read, in bytes. */
const MAX_HOOK_BODY = 64 * 1024;

/** Reads a hook request's JSON body: undefined when empty, `ok: false` when not JSON or too large. */
export async function readHookBody(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_HOOK_BODY) chunks.push(chunk as Buffer);
  }
  if (size > MAX_HOOK_BODY) return { ok: false };
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim().length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
