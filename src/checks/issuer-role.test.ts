import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issuerMovesBeforeReceiver, responderNegotiated, type PeerMove } from './issuer-role.js';

const move = (seq: number, at: number, operation: string, connection?: string): PeerMove => ({ seq, at, operation, connection });

test('an issuer that waits shows no early move, and the longest window runs to the receiver\u2019s move or to now', () => {
  const keys = [{ uuid: 'a', issuedAt: 1000, receiverMovedAt: 1300 }, { uuid: 'b', issuedAt: 1100 }];
  const moves = [move(1, 1400, 'NotifyConnectionStatus', 'a'), move(2, 1500, 'GetConnection', 'b')];
  const r = issuerMovesBeforeReceiver(keys, moves, 2600);
  assert.deepEqual(r.early, []);
  assert.equal(r.longestWindowMs, 1500);
});

test('a connection move on a key\u2019s connection before the receiver acted is early; reads and other connections are not', () => {
  const keys = [{ uuid: 'a', issuedAt: 1000, receiverMovedAt: 3000 }];
  const moves = [move(1, 1200, 'CreateConnection', 'a'), move(2, 1250, 'GetConnection', 'a'), move(3, 1300, 'CreateFeature', 'z'), move(4, 3100, 'CreateFeature', 'a')];
  const r = issuerMovesBeforeReceiver(keys, moves, 5000);
  assert.deepEqual(r.early.map((e) => e.move.seq), [1]);
});

test('the responder\u2019s negotiator moves on a connection are listed; its notifications and reads are not', () => {
  const moves = [move(1, 1, 'GenerateFeatureGuidance', 'c'), move(2, 2, 'NotifyConnectionStatus', 'c'), move(3, 3, 'GetConnection', 'c'), move(4, 4, 'CreateFeature', 'd')];
  assert.deepEqual(responderNegotiated(moves, 'c').map((m) => m.seq), [1]);
  assert.deepEqual(responderNegotiated(moves, 'e'), []);
});
