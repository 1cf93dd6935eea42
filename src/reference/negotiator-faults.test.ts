import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivationKey, L3BaseConfig, L3BaseGuidance } from '../checks/index.js';
import { resolveFaults, type FaultName } from './faults.js';
import { configAsChosen, configAsSent, confirmBody, confirmEnvironments, guidanceAsRead, placementOrder, vlansInUse, type Faulty } from './negotiator-faults.js';
import { REFERENCE_GUIDANCE } from './topology.js';

const faulty = (...names: FaultName[]): Faulty => ({ faults: resolveFaults(names) });
const CLEAN = faulty();
const THEIRS: L3BaseGuidance = {
  asnRanges: [{ start: 64700, stop: 64710 }],
  ipv4SubnetGuidance: [{ includeSubnet: '169.254.200.0/24', excludeSubnets: [] }],
  ipv4AllowedSubnetPrefixLengths: [30],
  vlanRanges: [{ start: 3000, stop: 3099 }],
  mtuRanges: [{ start: 1400, stop: 9000 }],
};
const CONFIG: L3BaseConfig = { ipv4Subnet: '169.254.200.0', ipv4SubnetPrefixLength: 30, mtuBytes: 8500, vlanId: 3000, providerBgpConfigs: [] };
const KEY: ActivationKey = { version: 1, destinationEnvironmentUri: 'providers/aws/environments/e', sharedConnectionUuid: 'u', connectionSizeMbps: 50, destinationAccountId: 'a' };

test('without faults the negotiator reads both guidances, chooses and sends the configuration as they are', () => {
  for (const attempt of [0, 1]) {
    assert.deepEqual(guidanceAsRead(CLEAN, false, REFERENCE_GUIDANCE, THEIRS, attempt), { mine: REFERENCE_GUIDANCE, theirs: THEIRS });
    assert.deepEqual(guidanceAsRead(CLEAN, true, REFERENCE_GUIDANCE, THEIRS, attempt), { mine: REFERENCE_GUIDANCE, theirs: THEIRS });
    assert.equal(configAsChosen(CLEAN, false, CONFIG, { mine: REFERENCE_GUIDANCE, theirs: THEIRS }, attempt), CONFIG);
    assert.equal(configAsSent(CLEAN, false, CONFIG, attempt), CONFIG);
  }
  assert.deepEqual(confirmBody(CLEAN, 'text', KEY), { encodedKey: 'text' });
  assert.deepEqual(confirmEnvironments(CLEAN, 'e'), ['e']);
});

test('the guidance faults drop the peer\u2019s field on a first attempt only, and only outside deferrals', () => {
  const cases: [FaultName, keyof L3BaseGuidance][] = [['ignores-vlan-guidance', 'vlanRanges'], ['ignores-subnet-guidance', 'ipv4SubnetGuidance'], ['wrong-responder-asn', 'asnRanges']];
  for (const [name, field] of cases) {
    assert.equal(field in guidanceAsRead(faulty(name), false, REFERENCE_GUIDANCE, THEIRS, 0).theirs, false, name);
    assert.equal(field in guidanceAsRead(faulty(name), false, REFERENCE_GUIDANCE, THEIRS, 1).theirs, true, name);
    assert.equal(field in guidanceAsRead(faulty(name), true, REFERENCE_GUIDANCE, THEIRS, 0).theirs, true, name);
  }
});

test('deferral-ignores-guidance takes a first subnet from 100.64.0.0/10 in deferred negotiations only', () => {
  const bent = guidanceAsRead(faulty('deferral-ignores-guidance'), true, REFERENCE_GUIDANCE, THEIRS, 0);
  assert.equal(bent.mine.ipv4SubnetGuidance?.[0]?.includeSubnet, '100.64.0.0/10');
  assert.deepEqual(bent.theirs.ipv4SubnetGuidance, []);
  assert.deepEqual(guidanceAsRead(faulty('deferral-ignores-guidance'), false, REFERENCE_GUIDANCE, THEIRS, 0).theirs, THEIRS);
});

test('the MTU and completeness faults bend the configuration as described', () => {
  const both = { mine: REFERENCE_GUIDANCE, theirs: THEIRS };
  assert.equal(configAsChosen(faulty('lowest-mtu'), false, CONFIG, both, 2).mtuBytes, 1500);
  assert.equal(configAsChosen(faulty('ignores-mtu-guidance'), false, CONFIG, both, 0).mtuBytes, 9216);
  assert.equal(configAsChosen(faulty('ignores-mtu-guidance'), false, CONFIG, both, 1).mtuBytes, 8500);
  assert.equal('vlanId' in configAsSent(faulty('incomplete-proposal'), false, CONFIG, 0), false);
  assert.equal(configAsSent(faulty('incomplete-proposal'), false, CONFIG, 1).vlanId, 3000);
  assert.deepEqual(confirmBody(faulty('sends-deprecated-key'), 'text', KEY), { key: KEY });
  assert.deepEqual(confirmEnvironments(faulty('confirm-wrong-environment'), 'e'), ['e-x', 'e']);
});

test('the placement, VLAN and BGP faults bend only under their names', () => {
  assert.deepEqual(placementOrder(CLEAN, ['ix2', 'ix1']), ['ix2', 'ix1']);
  assert.deepEqual(placementOrder(faulty('least-room-placement'), ['ix2', 'ix1']), ['ix1', 'ix2']);
  assert.deepEqual(vlansInUse(CLEAN, [3000]), [3000]);
  assert.deepEqual(vlansInUse(faulty('reuses-used-vlans'), [3000]), []);
  const bgp: L3BaseConfig = { ...CONFIG, providerBgpConfigs: [{ provider: 'providers/refcloud', hostIpv4: '169.254.200.1' }, { provider: 'providers/aws', hostIpv4: '169.254.200.2' }] };
  assert.equal(configAsSent(CLEAN, false, bgp, 0), bgp);
  assert.deepEqual(configAsSent(faulty('bgp-shared-host'), false, bgp, 1).providerBgpConfigs?.map((b) => b.hostIpv4), ['169.254.200.1', '169.254.200.1']);
  assert.equal(configAsSent(faulty('bgp-shared-host'), true, bgp, 0), bgp);
});
