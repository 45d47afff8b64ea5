/**
 * Which network addresses the crawler may connect to (SSRF guard). Names are resolved here and the
 * check runs inside the connection's own lookup, so a name cannot resolve to a public address for the
 * check and a private one for the connection.
 */
import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export type AddressKind = 'public' | 'loopback' | 'private';

/** The kinds as the refusal names them. */
export const ADDRESS_KIND_LABELS: Record<AddressKind, string> = { public: 'công khai', loopback: 'nội bộ của máy (loopback)', private: 'mạng nội bộ' };

/**
 * IPv4-compatible IPv6 addresses (::a.b.c.d, deprecated by RFC 4291): not among ipaddr.js's special
 * ranges, never a portal's address.
 */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * ipaddr.js reads a dotted tail as IPv4-mapped whatever precedes it ("::8.8.8.8" becomes
 * ::ffff:8.8.8.8), and the system resolver writes IPv4-compatible answers that way; the tail is
 * turned into two hexadecimal groups first so the address keeps its own bits.
 */
function parseExactly(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  if (isIP(address) === 6) {
    const hex = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)(%.*)?$/, (_m, a: string, b: string, c: string, d: string, zone: string | undefined) => {
      const group = (hi: string, lo: string) => ((Number(hi) << 8) | Number(lo)).toString(16);
      return `${group(a, b)}:${group(c, d)}${zone ?? ''}`;
    });
    return ipaddr.IPv6.parse(hex);
  }
  return ipaddr.IPv4.parse(address);
}

/**
 * Public unless ipaddr.js names a special-purpose range for the address (private, loopback,
 * link-local, multicast, reserved and documentation, carrier-grade NAT, NAT64, 6to4, Teredo, ...):
 * only ordinary unicast addresses can be a unit's portal.
 */
export function classifyAddress(address: string): AddressKind {
  if (isIP(address) === 0) throw new RangeError(`Not an IP address: ${address}`);
  let ip = parseExactly(address);
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is the IPv4 address in disguise.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (range === 'loopback') return 'loopback';
  if (range !== 'unicast') return 'private';
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).match(IPV4_COMPATIBLE)) return 'private';
  return 'public';
}

/** Thrown (through the connection) when a host resolves to an address the policy refuses. */
export class AddressRefusedError extends Error {
  readonly code = 'ERR_ADDRESS_REFUSED';
  constructor(host: string, address: string, kind: AddressKind) {
    super(`${host} trỏ tới địa chỉ ${ADDRESS_KIND_LABELS[kind]} ${address}`);
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
