/**
 * Steps for features/negotiation-rules.feature: how the candidate treats individual feature proposals.
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { addressAt, chooseFeatureParameters, parseCidr, type L3BaseConfig } from '../src/checks/index.js';
import { ok, proposeFeature } from '../src/peer/negotiator.js';
import { KIT_GUIDANCE, violate } from '../src/peer/proposals.js';
import { answered, expectation, note } from '../src/runner/evidence.js';
import { usableInterconnects } from '../src/runner/topology.js';
import { environment, negotiateFeatures } from './support/setup.js';
import { fieldOf } from './support/body.js';
import { featureBody, ipv4Cidr, isProvider, readBackDifferences } from './support/feature-checks.js';
import { baseProposal, channelsOf } from './support/rules.js';
import type { CtkWorld } from './support/world.js';

const REFUSED_ID = 'ctk-refused-channel1';
const RETRY_ID = 'ctk-retry-channel1';

async function propose(w: CtkWorld, chIndex: number, config: L3BaseConfig, id?: string): Promise<void> {
  const ch = channelsOf(w)[chIndex]!;
  w.observed.push((await proposeFeature(w.ctx.api, w.ctx.peer.local, w.conn, ch.name, ch.id, config, id)).exchange);
}

Given('the candidate accepted a feature on every channel', async function (this: CtkWorld) {
  await negotiateFeatures(this, this.conn);
});

Then('the candidate accepts the proposal, as {requirement} requires', function (this: CtkWorld, id: string) {
  const e = this.observed.at(-1)!;
  this.judge(id, ok(e), `a proposal within the guidance was refused (${answered(e)})`, [this.ev(e), expectation('2xx: the proposal is accepted', answered(e))]);
});

When('the kit proposes the same subnet on two channels at the same moment', async function (this: CtkWorld) {
  if (channelsOf(this).length < 2) return this.notApplicableAll('the interconnect has a single channel');
  const first = await baseProposal(this, 0);
  const second = await baseProposal(this, 1, { subnets: [], vlans: [first.config.vlanId ?? 0] });
  const { ipv4Subnet, ipv4SubnetPrefixLength, providerBgpConfigs } = first.config;
  const same: L3BaseConfig = { ...second.config, ...(ipv4Subnet !== undefined ? { ipv4Subnet } : {}), ...(ipv4SubnetPrefixLength !== undefined ? { ipv4SubnetPrefixLength } : {}), ...(providerBgpConfigs !== undefined ? { providerBgpConfigs } : {}) };
  const api = this.ctx.api;
  const local = this.ctx.peer.local;
  this.observed = (await Promise.all([
    proposeFeature(api, local, this.conn, first.ch.name, first.ch.id, first.config),
    proposeFeature(api, local, this.conn, second.ch.name, second.ch.id, same),
  ])).map((f) => f.exchange);
  return undefined;
});

Then('the candidate accepts at most one of the two proposals', function (this: CtkWorld) {
  const accepted = this.observed.filter(ok);
  const evidence = [...this.observed.map((e) => this.ev(e)), expectation('at most one of two simultaneous proposals of the same subnet accepted', `${accepted.length} accepted`)];
  if (accepted.length === 0) evidence.push(note('both proposals were refused; the rule holds, but a proposal that follows the guidance won nothing'));
  this.judge('CC-NEG-017', accepted.length <= 1, 'both simultaneous proposals of the same subnet were accepted', evidence);
});

When('the kit proposes a valid feature on the second channel under the first feature\'s id', async function (this: CtkWorld) {
  const first = this.features[0]!;
  if (channelsOf(this).length < 2) return this.notApplicableAll('the interconnect has a single channel');
  const { config } = await baseProposal(this, 1, { subnets: [ipv4Cidr(first.config)], vlans: [first.config.vlanId ?? 0] });
  await propose(this, 1, config, first.id);
  return undefined;
});

When('the kit proposes one feature claiming it is already provisioned and another that claims nothing', async function (this: CtkWorld) {
  if (channelsOf(this).length < 2) return this.notApplicableAll('the interconnect has a single channel');
  const claimed = await baseProposal(this, 0);
  const plain = await baseProposal(this, 1, { subnets: [ipv4Cidr(claimed.config)], vlans: [] });
  const api = this.ctx.api;
  this.observed = [
    await api.createFeature(this.conn.ref, this.conn.id, `ctk-${claimed.ch.id}`, featureBody(claimed.ch.name, claimed.config, { provisioningState: 'PROVISIONING_STATE_FINAL' })),
    await api.createFeature(this.conn.ref, this.conn.id, `ctk-${plain.ch.id}`, featureBody(plain.ch.name, plain.config)),
  ];
  return undefined;
});

Then('the claimed state does not make the new feature more provisioned than the other', function (this: CtkWorld) {
  const [claimed, plain] = this.observed as [typeof this.observed[0], typeof this.observed[0]];
  const states = [fieldOf(claimed.responseBody, 'provisioningState'), fieldOf(plain.responseBody, 'provisioningState')];
  const evidence = [this.ev(claimed), this.ev(plain), expectation('the claimed feature starts as the unclaimed one does (PENDING unless provisioned at once)', states.map(String).join(' vs '))];
  if (ok(claimed) && ok(plain) && states[0] === 'PROVISIONING_STATE_FINAL' && states[1] === 'PROVISIONING_STATE_FINAL') {
    this.notApplicable('CC-NEG-019', 'the candidate provisions features at once, so a copied provisioningState cannot be told apart', evidence);
    return;
  }
  const copied = states[0] === 'PROVISIONING_STATE_FINAL' && states[1] !== 'PROVISIONING_STATE_FINAL';
  this.judge('CC-NEG-019', ok(claimed) && !copied, ok(claimed) ? 'the provisioningState sent in CreateFeature was taken over' : `a proposal carrying an output-only provisioningState was refused (${answered(claimed)})`, evidence);
});

When('the kit proposes a feature on a channel that is not on the connection\'s interconnect', async function (this: CtkWorld) {
  const { config } = await baseProposal(this, 0);
  const other = usableInterconnects(environment(this)).find((i) => i.id !== this.conn.ref.ix && i.channels.length > 0);
  const api = this.ctx.api;
  const channel = other !== undefined ? api.channelPath(other.ref, other.channels[0]!.id).slice(1) : `${api.ixPath(this.conn.ref).slice(1)}/channels/ctk-missing-channel`;
  this.observed.push((await proposeFeature(api, this.ctx.peer.local, this.conn, channel, 'foreign-channel', config)).exchange);
});

const MISSING: Readonly<Record<string, keyof L3BaseConfig | 'channel'>> = {
  'IPv4 subnet': 'ipv4Subnet', 'IPv4 prefix length': 'ipv4SubnetPrefixLength', MTU: 'mtuBytes', VLAN: 'vlanId', 'BGP configurations': 'providerBgpConfigs', channel: 'channel',
};

When('the kit proposes a feature without its {}', async function (this: CtkWorld, text: string) {
  const field = MISSING[text];
  if (field === undefined) throw new Error(`internal: unknown feature field "${text}"`);
  const { ch, config } = await baseProposal(this, 0);
  const l3: Record<string, unknown> = { ...config };
  if (field !== 'channel') delete l3[field];
  const body = featureBody(ch.name, l3 as L3BaseConfig);
  if (field === 'channel') delete body['channel'];
  this.observed.push(await this.ctx.api.createFeature(this.conn.ref, this.conn.id, `ctk-without-${field}`, body));
});

When('the kit proposes a feature giving the candidate an ASN outside its guided ranges', async function (this: CtkWorld) {
  const { guidance, config } = await baseProposal(this, 0);
  const ranges = guidance.asnRanges ?? [];
  if (ranges.length === 0) return this.notApplicableAll('the candidate\'s guidance sets no ASN ranges');
  const top = Math.max(...ranges.map((r) => r.stop));
  const asn = top < 4294967294 ? top + 1 : Math.min(...ranges.map((r) => r.start)) - 1;
  const candidate = this.ctx.config.candidate.providerId;
  const bgp = (config.providerBgpConfigs ?? []).map((b) => (isProvider(b.provider, candidate) ? { ...b, asn } : b));
  await propose(this, 0, { ...config, providerBgpConfigs: bgp });
  return undefined;
});

When('the kit proposes a feature whose subnet address has host bits set', async function (this: CtkWorld) {
  const { config } = await baseProposal(this, 0);
  const cidr = parseCidr(ipv4Cidr(config));
  if (!cidr.ok) throw new Error(`internal: the kit's own proposal has no valid subnet (${cidr.problem})`);
  await propose(this, 0, { ...config, ipv4Subnet: addressAt(cidr.cidr, 1) });
});

When('the kit reads the feature back', async function (this: CtkWorld) {
  const f = this.features[0]!;
  this.observed.push(await this.ctx.api.getFeature(this.conn.ref, this.conn.id, f.id));
});

Then('it holds the VLAN, subnets, MTU and BGP settings the kit proposed', function (this: CtkWorld) {
  const read = this.observed.at(-1)!;
  const l3 = fieldOf(fieldOf(read.responseBody, 'featureConfig'), 'l3BaseConfig');
  const differ = ok(read) ? readBackDifferences(this.features[0]!.config, typeof l3 === 'object' && l3 !== null ? (l3 as Record<string, unknown>) : {}) : ['(not read)'];
  this.judge('CC-NEG-029', differ.length === 0, `the feature read back differs from the proposal in ${differ.join(', ')}`,
    [this.ev(this.features[0]!.exchange), this.ev(read), expectation(`exactly ${JSON.stringify(this.features[0]!.config)}`, `differs in ${differ.join(', ') || 'nothing'}`)]);
});

Given('the candidate refused a proposal on the first channel for its MTU', async function (this: CtkWorld) {
  const { guidance, config } = await baseProposal(this, 0);
  const bad = violate(config, guidance, 'mtu-range');
  if (!bad.ok) return this.notApplicableAll(`the candidate's guidance leaves no MTU to refuse: ${bad.reason}`);
  await propose(this, 0, bad.config, REFUSED_ID);
  const e = this.observed.at(-1)!;
  if (ok(e)) this.blockedBy('CC-NEG-009', `an MTU outside the guided range was accepted (${answered(e)})`, [this.ev(e)], ['CC-NEG-009']);
  return undefined;
});

When('the kit proposes the refused VLAN and subnet again with a valid MTU under another id', async function (this: CtkWorld) {
  const { config } = await baseProposal(this, 0);
  await propose(this, 0, config, RETRY_ID);
});

Then('nothing of the refused proposal remains and the new proposal is accepted', async function (this: CtkWorld) {
  const retry = this.observed.at(-1)!;
  const { ref, id } = this.conn;
  const read = await this.ctx.api.getFeature(ref, id, REFUSED_ID);
  const list = await this.ctx.api.listFeatures(ref, id, { pageSize: 1000 });
  const listed = fieldOf(list.responseBody, 'features');
  const kept = Array.isArray(listed) && listed.some((f) => String(fieldOf(f, 'name')).endsWith(`/${REFUSED_ID}`));
  const problems = [...(ok(read) ? ['GetFeature still finds the refused feature'] : []), ...(kept ? ['ListFeatures still lists it'] : []), ...(ok(retry) ? [] : [`the same VLAN and subnet were then refused (${answered(retry)})`])];
  this.judge('CC-NEG-030', problems.length === 0, problems.join('; '), [this.ev(read), this.ev(list), this.ev(retry), expectation('the refused feature unknown (404) and its VLAN and subnet free again', problems.join('; ') || 'as expected')]);
});

When('the kit proposes a feature that adds an IPv6 subnet and host addresses inside the candidate\'s IPv6 guidance', async function (this: CtkWorld) {
  const { guidance } = await baseProposal(this, 0);
  if ((guidance.ipv6SubnetGuidance ?? []).length === 0) return this.notApplicableAll('the candidate\'s guidance offers no IPv6 space');
  const r = chooseFeatureParameters(KIT_GUIDANCE, guidance, {}, { negotiatorProvider: this.ctx.peer.providerId, responderProvider: this.ctx.config.candidate.providerId, includeIpv6: true });
  if (!r.ok || r.config.ipv6Subnet === undefined) return this.notApplicableAll(`no IPv6 subnet lies inside both providers' guidance${r.ok ? '' : `: ${r.problem}`}`);
  await propose(this, 0, r.config);
  return undefined;
});

When('the kit proposes a feature that carries an MD5 BGP password', async function (this: CtkWorld) {
  const { config } = await baseProposal(this, 0);
  await propose(this, 0, { ...config, md5BgpPassword: `ctk-${randomBytes(12).toString('hex')}` });
});

When('the kit proposes a feature whose subnet lies inside the guidance but is not the preferred one', async function (this: CtkWorld) {
  const { guidance } = await baseProposal(this, 0);
  const preferred = (guidance.ipv4SubnetGuidance ?? []).map((g) => g.preferredSubnet).filter((s): s is string => s !== undefined);
  if (preferred.length === 0) return this.notApplicableAll('the candidate\'s guidance names no preferred IPv4 subnet');
  const { config } = await baseProposal(this, 0, { subnets: preferred, vlans: [] });
  await propose(this, 0, config);
  return undefined;
});
