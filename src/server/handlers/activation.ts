/**
 * ConfirmActivationKey (paths/environments.yaml, docs/Protocols.md#establish-customer-intent, spec-defects
 * D35/D36): a key is valid only when it is byte-for-byte a key this server issued to this caller, for the
 * path's environment, not yet used by a successful CreateConnection and not invalidated by a delete.
 * The confirm-* faults live here.
 */
import { decodeActivationKey } from '../../checks/index.js';
import type { Engine } from '../engine.js';
import { apiError, ok, type Reply } from '../reply.js';
import { ConfirmActivationKeyBody } from '../schemas.js';
import type { IssuedKey } from '../types.js';
import { body, lookupEnvironment, param, type Handler } from './common.js';

/** Keys longer than this are refused without further look (4 KiB). */
export const MAX_KEY_LENGTH = 4096;

type KeyFields = IssuedKey['key'];

function sameFields(a: KeyFields, b: KeyFields): boolean {
  return (
    a.version === b.version &&
    a.destinationEnvironmentUri === b.destinationEnvironmentUri &&
    a.sharedConnectionUuid === b.sharedConnectionUuid &&
    a.connectionSizeMbps === b.connectionSizeMbps &&
    a.destinationAccountId === b.destinationAccountId
  );
}

function findByEncoded(engine: Engine, encoded: string): IssuedKey | undefined {
  if (!engine.faults.has('confirm-tampered')) return engine.store.keys.get(encoded);
  const decoded = decodeActivationKey(encoded);
  if (!decoded.ok) return undefined;
  return [...engine.store.keys.values()].find((k) => k.key.sharedConnectionUuid === decoded.key.sharedConnectionUuid);
}

function findByFields(engine: Engine, fields: KeyFields): IssuedKey | undefined {
  return [...engine.store.keys.values()].find((k) => sameFields(k.key, fields));
}

function stillValid(engine: Engine, issued: IssuedKey, caller: string, env: string): boolean {
  // confirm-own-partition: the key is looked for among the keys issued to this server's own provider id.
  const owner = engine.faults.has('confirm-own-partition') ? engine.selfId : caller;
  if (issued.caller !== owner) return false;
  if (issued.env !== env && !engine.faults.has('confirm-any-environment')) return false;
  if (issued.state === 'used') return engine.faults.has('confirm-reused');
  if (issued.state === 'invalidated') return false;
  issued.confirmations += 1;
  return !(engine.faults.has('confirm-rejects-genuine') && issued.confirmations === 2);
}

function looksLikeBase64(text: string): boolean {
  return /^[A-Za-z0-9+/_-]*={0,2}$/.test(text);
}

function locate(engine: Engine, encoded: string | undefined, fields: KeyFields | undefined): IssuedKey | Reply | undefined {
  if (engine.faults.has('confirm-only-deprecated-key')) return fields === undefined ? undefined : findByFields(engine, fields);
  if (encoded !== undefined) {
    if (encoded.length === 0 || encoded.length > MAX_KEY_LENGTH) return undefined;
    if (engine.faults.has('confirm-garbage-500') && !looksLikeBase64(encoded)) return apiError(500, 'failed to decode the key');
    return findByEncoded(engine, encoded);
  }
  return fields === undefined ? undefined : findByFields(engine, fields);
}

/** ConfirmActivationKey: answers `{keyValid}`; 400 only for a body of the wrong shape. */
export const confirmActivationKey: Handler = (engine, req) => {
  const anyEnv = engine.faults.has('confirm-any-environment');
  if (!anyEnv) {
    const env = lookupEnvironment(engine, req);
    if (!env.ok) return env.reply;
  }
  const input = body(engine, req, ConfirmActivationKeyBody, false);
  if (!input.ok) return input.reply;
  const found = locate(engine, input.value.encodedKey, input.value.key);
  if (found !== undefined && 'status' in found) return found;
  const valid = found !== undefined && stillValid(engine, found, req.caller, param(req, 'environment'));
  return ok({ keyValid: valid });
};
