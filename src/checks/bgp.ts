/**
 * The BGP part of a feature proposal (schemas/feature.yaml#L3BaseConfig providerBgpConfigs and #ProviderBgpConfig;
 * spec-defects D53): one entry per provider of the connection, each with a host address inside the feature's
 * subnet, the two providers' addresses distinct. Pure: data in, problems out.
 */
import { containsIp, parseIp, parseSubnet } from './cidr.js';
import type { L3BaseConfig, ProviderBgpConfig } from './model.js';

function bare(provider: string | undefined): string {
  return (provider ?? '').replace(/^providers\//, '');
}

function hostProblems(config: L3BaseConfig, entries: readonly ProviderBgpConfig[], family: 'ipv4' | 'ipv6'): string[] {
  const address = family === 'ipv4' ? config.ipv4Subnet : config.ipv6Subnet;
  const length = family === 'ipv4' ? config.ipv4SubnetPrefixLength : config.ipv6SubnetPrefixLength;
  const hosts = entries.map((e) => ({ who: bare(e.provider), host: family === 'ipv4' ? e.hostIpv4 : e.hostIpv6 }));
  if (family === 'ipv6' && hosts.every((h) => h.host === undefined)) return [];
  const out: string[] = [];
  const subnet = address !== undefined && length !== undefined ? parseSubnet(address, length) : undefined;
  for (const { who, host } of hosts) {
    if (host === undefined) out.push(`the ${family} host address of ${who || '(no provider)'} is missing`);
    else if (!parseIp(host).ok) out.push(`the ${family} host address ${host} of ${who || '(no provider)'} is not an address`);
    else if (subnet === undefined || !subnet.ok) out.push(`the ${family} host address ${host} of ${who || '(no provider)'} has no valid subnet to lie in`);
    else if (!containsIp(subnet.cidr, host)) out.push(`the ${family} host address ${host} of ${who || '(no provider)'} lies outside ${subnet.cidr.text}`);
  }
  const given = hosts.flatMap((h) => {
    const ip = h.host === undefined ? undefined : parseIp(h.host);
    return ip === undefined ? [] : [ip.ok ? ip.text : String(h.host)];
  });
  if (new Set(given).size < given.length) out.push(`the providers share the ${family} host address ${given.find((h, i) => given.indexOf(h) !== i) ?? ''}`);
  return out;
}

/**
 * Every way the BGP configs of `config` break the rule for the two providers of the connection (ids with or
 * without the `providers/` prefix): an entry missing, doubled or for a third provider, a host address missing,
 * outside the feature's subnet or shared by both. IPv6 hosts are checked only when some entry gives one.
 */
export function bgpConfigProblems(config: L3BaseConfig, providers: readonly [string, string]): string[] {
  const entries = config.providerBgpConfigs ?? [];
  const out: string[] = [];
  const wanted = providers.map(bare);
  for (const p of wanted) {
    const n = entries.filter((e) => bare(e.provider) === p).length;
    if (n !== 1) out.push(`${n === 0 ? 'no' : n} BGP config${n === 1 ? '' : 's'} for providers/${p} (one expected)`);
  }
  const strangers = entries.filter((e) => !wanted.includes(bare(e.provider)));
  if (strangers.length > 0) out.push(`BGP config(s) for ${strangers.map((e) => e.provider ?? '(no provider)').join(', ')}, not a provider of the connection`);
  return [...out, ...hostProblems(config, entries, 'ipv4'), ...hostProblems(config, entries, 'ipv6')];
}
