import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featureSetMismatch, refusalFollowUps, unagreedNames, vlanReuse, type AgreedNames, type NegotiatorCall } from './negotiator-conduct.js';

const AGREED: AgreedNames = { environments: [{ id: 'east', interconnects: [{ id: 'ix1', channels: ['ch1', 'ch2'] }] }] };

function call(seq: number, operation: string, params: Record<string, string>, status = 200, body?: unknown): NegotiatorCall {
  return { seq, operation, status, params, ...(body !== undefined ? { body } : {}) };
}

const feature = (ch: string): unknown => ({ channel: `providers/acme/environments/east/interconnects/ix1/channels/${ch}` });

test('calls under the agreed ids pass; an unknown environment, interconnect or channel is named', () => {
  const good = [
    call(1, 'ConfirmActivationKey', { provider: 'acme', environment: 'east' }),
    call(2, 'CreateFeature', { environment: 'east', interconnect: 'ix1', connection: 'u' }, 200, feature('ch2')),
    call(3, 'ListProviders', {}),
  ];
  assert.deepEqual(unagreedNames(good, AGREED), []);
  const bad = [
    call(4, 'GetEnvironment', { environment: 'east-site' }),
    call(5, 'CreateConnection', { environment: 'east', interconnect: 'IX1' }),
    call(6, 'CreateFeature', { environment: 'east', interconnect: 'ix1' }, 200, feature('ch9')),
    call(7, 'CreateFeature', { environment: 'east', interconnect: 'ix1' }, 200, { channel: 'ch1' }),
  ];
  const problems = unagreedNames(bad, AGREED);
  assert.equal(problems.length, 4);
  assert.match(problems[0] ?? '', /environment east-site/);
  assert.match(problems[1] ?? '', /interconnect IX1/);
  assert.match(problems[2] ?? '', /channel ch9/);
  assert.match(problems[3] ?? '', /"ch1", not an agreed channel's resource name/);
});

test('a refused proposal followed by guidance and a retry counts as a restart; without guidance it does not', () => {
  const restarted = refusalFollowUps([
    call(1, 'GenerateFeatureGuidance', {}), call(2, 'CreateFeature', {}, 409, feature('ch1')), call(3, 'CreateFeature', {}, 200, feature('ch2')),
    call(4, 'GenerateFeatureGuidance', {}), call(5, 'CreateFeature', {}, 200, feature('ch1')),
  ]);
  assert.equal(restarted.length, 1);
  assert.equal(restarted[0]?.channel, 'ch1');
  assert.equal(restarted[0]?.retry?.seq, 5);
  assert.equal(restarted[0]?.guidanceBetween, true);
  const blind = refusalFollowUps([call(2, 'CreateFeature', {}, 400, feature('ch1')), call(3, 'CreateFeature', {}, 200, feature('ch1'))]);
  assert.equal(blind[0]?.guidanceBetween, false);
  const givenUp = refusalFollowUps([call(2, 'CreateFeature', {}, 409, feature('ch1'))]);
  assert.equal(givenUp[0]?.retry, undefined);
  assert.deepEqual(refusalFollowUps([call(2, 'CreateFeature', {}, 503, feature('ch1'))]), []);
});

test('features held on one side only are listed by channel', () => {
  const own = [{ id: 'a', channel: 'ch1' }, { id: 'b', channel: 'ch2' }];
  assert.deepEqual(featureSetMismatch(own, [{ id: 'b', channel: 'ch2' }, { id: 'c', channel: 'ch3' }]), { onlyOwn: ['ch1'], onlyPeer: ['ch3'] });
  assert.deepEqual(featureSetMismatch(own, own), { onlyOwn: [], onlyPeer: [] });
});

test('a VLAN in use on its channel is reused; the same VLAN elsewhere is not; a skipped channel is unproposed', () => {
  const inUse = [{ channel: 'ch1', vlanId: 3000 }];
  assert.deepEqual(vlanReuse([{ channel: 'ch1', vlanId: 3001 }, { channel: 'ch2', vlanId: 3000 }], inUse), { reused: [], unproposed: [] });
  assert.deepEqual(vlanReuse([{ channel: 'ch1', vlanId: 3000 }], inUse), { reused: [{ channel: 'ch1', vlanId: 3000 }], unproposed: [] });
  assert.deepEqual(vlanReuse([{ channel: 'ch2', vlanId: 3000 }], inUse), { reused: [], unproposed: ['ch1'] });
});
