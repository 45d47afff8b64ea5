/**
 * Which network addresses the crawler may connect to (SSRF guard). Names are resolved here and the
 * check runs inside the connection's own lookup, so a name cannot resolve to a public address for the
 * check and a private one for the connection.
 */
import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export type AddressKind = 'public' | 'loopback' | 'private';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Private, link-local, shared, multicast and reserved ranges: never a unit's public portal. */
const nonPublic = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) {
  nonPublic.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32]] as const) {
  nonPublic.addSubnet(net, prefix, 'ipv6');
}

export function classifyAddress(address: string): AddressKind {
  const family = isIP(address);
  if (family === 0) throw new RangeError(`Not an IP address: ${address}`);
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is the IPv4 address in disguise.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return classifyAddress(mapped[1]!);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (loopback.check(address, type)) return 'loopback';
  if (nonPublic.check(address, type)) return 'private';
  return 'public';
}

/** Thrown (through the connection) when a host resolves to an address the policy refuses. */
export class AddressRefusedError extends Error {
  readonly code = 'ERR_ADDRESS_REFUSED';
  constructor(host: string, address: string, kind: AddressKind) {
    super(`${host} resolves to ${kind} address ${address}`);
    this.name = 'AddressRefusedError';
  }
}

export function addressAllowed(kind: AddressKind, allowLoopback: boolean): boolean {
  return kind === 'public' || (kind === 'loopback' && allowLoopback);
}

/** RFC 6761 §6.3: "localhost" and names under it are loopback, answered without asking DNS. */
export function isLocalhostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

/** A `lookup` for net.connect that answers *.localhost itself and refuses disallowed addresses. */
export function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const all = (options as { all?: boolean }).all === true;
    const answer = (addresses: { address: string; family: number }[]): void => {
      for (const a of addresses) {
        const kind = classifyAddress(a.address);
        if (!addressAllowed(kind, allowLoopback)) {
          callback(new AddressRefusedError(hostname, a.address, kind), '', 0);
          return;
        }
      }
      const first = addresses[0]!;
      if (all) (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
      else callback(null, first.address, first.family);
    };
    if (isLocalhostName(hostname)) {
      answer([{ address: '127.0.0.1', family: 4 }]);
      return;
    }
    dnsLookup(hostname, { all: true, family: (options as { family?: number }).family ?? 0 }, (error, addresses) => {
      if (error) callback(error, '', 0);
      else if (addresses.length === 0) callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      else answer(addresses);
    });
  };
}
