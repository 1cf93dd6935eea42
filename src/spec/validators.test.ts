import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectAt, readSpecDocument } from './openapi.js';
import { createValidators, type ValidationIssue } from './validators.js';

const v = createValidators();

const fullFeature = {
  channel: 'providers/aws/environments/e1/interconnects/ix1/channels/ch1',
  featureConfig: {
    featureType: 'FEATURE_TYPE_L3_BASE',
    l3BaseConfig: {
      ipv4Subnet: '169.254.10.0',
      ipv4SubnetPrefixLength: 30,
      mtuBytes: 8500,
      vlanId: 2001,
      providerBgpConfigs: [
        { provider: 'providers/aws', asn: 64512, hostIpv4: '169.254.10.1' },
        { provider: 'providers/gcp', asn: 4200000000, hostIpv4: '169.254.10.2' },
      ],
    },
  },
};

function only(issues: ValidationIssue[]): ValidationIssue {
  assert.equal(issues.length, 1, JSON.stringify(issues));
  const [issue] = issues;
  assert.ok(issue);
  return issue;
}

test('every example in spec/openapi.yaml is valid for its schema, in the base and the strict overlay', () => {
  const schemas = objectAt(readSpecDocument(), 'components', 'schemas') ?? {};
  let checked = 0;
  for (const [name, schema] of Object.entries(schemas)) {
    const example = objectAt(schema, 'example');
    if (example === undefined) continue;
    assert.deepEqual(v.validateSchema(name, example), [], `${name} example (base)`);
    assert.deepEqual(v.strictIssues(name, example), [], `${name} example (strict)`);
    checked += 1;
  }
  assert.ok(checked >= 8, `only ${checked} examples checked`);
});

test('a complete feature passes both surfaces, 4-byte ASN above 2^31 included', () => {
  assert.deepEqual(v.validateSchema('Feature', fullFeature), []);
  assert.deepEqual(v.strictIssues('Feature', fullFeature), []);
});

test('an enum violation is reported with keyword enum at the field, listing the allowed values', () => {
  const issue = only(v.validateSchema('Channel', { name: 'providers/aws/environments/e/interconnects/i/channels/c', adminState: '' }));
  assert.deepEqual(issue, { path: '/adminState', keyword: 'enum', message: 'must be one of ADMIN_STATE_ENABLED, ADMIN_STATE_DISABLED' });
  const nested = only(v.validateSchema('ListChannelsResponse', { channels: [{}, { adminState: 'ON' }] }));
  assert.equal(nested.path, '/channels/1/adminState');
  assert.equal(nested.keyword, 'enum');
});

test('a type error is reported with keyword type at the field', () => {
  const issue = only(v.validateSchema('Feature', { channel: 'c', featureConfig: '' }));
  assert.deepEqual(issue, { path: '/featureConfig', keyword: 'type', message: 'must be object' });
});

test('a field required only in prose is missing in the strict overlay, not in the base surface', () => {
  const { channel: _omitted, ...withoutChannel } = fullFeature;
  assert.deepEqual(v.validateSchema('Feature', withoutChannel), []);
  const issue = only(v.strictRequiredIssues('Feature', withoutChannel));
  assert.deepEqual(issue, { path: '/channel', keyword: 'required', message: "missing required property 'channel'" });
  const bgp = v.strictRequiredIssues('ProviderBgpConfig', { provider: 'providers/aws' }).map((i) => i.path);
  assert.deepEqual(bgp.sort(), ['/asn', '/hostIpv4']);
});

test("upstream's own required fields are part of the base surface", () => {
  const issue = only(v.validateSchema('Issue', { body: 'text' }));
  assert.deepEqual(issue, { path: '/title', keyword: 'required', message: "missing required property 'title'" });
});

test('unknown extra properties are not errors', () => {
  assert.deepEqual(v.validateSchema('Connection', { bandwidthMbps: 1000, vendorExtension: { any: 'thing' } }), []);
});

test('ASN bounds follow uint32 and integer formats are range-checked', () => {
  const asn = (value: unknown): ValidationIssue[] => v.validateSchema('ProviderBgpConfig', { asn: value });
  assert.deepEqual(asn(4294967295), []);
  assert.equal(only(asn(4294967296)).keyword, 'maximum');
  assert.equal(only(asn(-1)).keyword, 'minimum');
  assert.equal(only(asn(1.5)).keyword, 'type');
  assert.equal(only(v.validateSchema('Connection', { bandwidthMbps: 2 ** 31 })).keyword, 'format');
  assert.deepEqual(v.validateSchema('Connection', { bandwidthMbps: 2 ** 31 - 1 }), []);
});

test('byte is base64 (standard alphabet, padding optional) and date-time is RFC 3339', () => {
  const key = (encodedKey: string): ValidationIssue[] => v.validateSchema('ConfirmActivationKeyRequest', { encodedKey });
  for (const good of ['', 'YWJj', 'YWI=', 'YWI', 'eyJ2ZXJzaW9uIjoxfQ==']) assert.deepEqual(key(good), [], good);
  for (const bad of ['not base64!', 'Y', 'ab_-']) assert.equal(only(key(bad)).keyword, 'format', bad);
  assert.equal(only(v.validateSchema('MaintenanceEvent', { startTime: 'yesterday' })).keyword, 'format');
  assert.deepEqual(v.validateSchema('MaintenanceEvent', { startTime: '2026-12-01T02:00:00Z' }), []);
});

test('known misspellings are flagged by the strict overlay only', () => {
  const guidance = { ipv4SubnetGuidance: [{ includeSubnet: '169.254.0.0/16', excludeSubnet: ['169.254.1.0/28'] }] };
  assert.deepEqual(v.validateSchema('L3BaseGuidance', guidance), []);
  const issue = only(v.strictIssues('L3BaseGuidance', guidance));
  assert.equal(issue.keyword, 'x-ctk-wrong-name');
  assert.equal(issue.path, '/ipv4SubnetGuidance/0/excludeSubnet');
  assert.match(issue.message, /excludeSubnets/);
  assert.equal(only(v.strictIssues('Connection', { deferConnection: true })).path, '/deferConnection');
  assert.deepEqual(v.strictRequiredIssues('Connection', { deferConnection: true }), []);
});

test('VLAN and prefix-length bounds are strict-overlay rules', () => {
  const config = { ...fullFeature.featureConfig.l3BaseConfig, vlanId: 5000, ipv4SubnetPrefixLength: 33 };
  assert.deepEqual(v.validateSchema('L3BaseConfig', config), []);
  const issues = v.strictIssues('L3BaseConfig', config);
  assert.deepEqual(issues.map((i) => `${i.path} ${i.keyword}`).sort(), ['/ipv4SubnetPrefixLength maximum', '/vlanId maximum']);
});

test('request and response bodies are validated against their operation', () => {
  assert.equal(only(v.validateResponse('GetChannel', { adminState: 'X' })).keyword, 'enum');
  assert.equal(only(v.validateRequest('CreateConnection', { bandwidthMbps: 'big' })).path, '/bandwidthMbps');
  assert.deepEqual(v.validateRequest('GetChannel', { anything: true }), []);
  assert.deepEqual(v.validateResponse('DeleteConnection', {}), []);
  assert.equal(only(v.validateResponse('DeleteConnection', [])).keyword, 'type');
  assert.deepEqual(v.validateResponse('ListProviders', { providers: [{ name: 'providers/aws' }] }), []);
  assert.equal(v.requestSchemaName('CreateFeature'), 'Feature');
  assert.equal(v.responseSchemaName('AddComment'), 'AddCommentResponse');
});

test('unknown schema names and operations are programming errors', () => {
  assert.throws(() => v.validateSchema('NoSuchSchema', {}), /no component schema named NoSuchSchema/);
  assert.throws(() => v.validateResponse('NoSuchOperation', {}), /no operation NoSuchOperation/);
});

test('validators are compiled once per process and messages never echo the value', () => {
  assert.equal(createValidators(), v);
  const secret = 'CAK-0123456789abcdef';
  const issues = [...v.validateSchema('Channel', { adminState: secret }), ...v.validateSchema('MacSecKey', { cak: 42, ckn: [secret] })];
  assert.equal(issues.length, 3);
  for (const issue of issues) assert.equal(issue.message.includes(secret), false);
  assert.equal(v.schemaNames().length, 57);
});
