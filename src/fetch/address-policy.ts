import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which network addresses a fetch may connect to. A pasted URL must not make the bot probe
 * the host's own network (cloud metadata at 169.254.169.254, a router, a database on
 * localhost), so by default only public unicast addresses are allowed. The check runs on the
 * addresses a name resolves to, at connection time and on every redirect hop, so neither a
 * DNS name pointing inside nor a redirect to one gets through.
 */

/** Why `address` may not be contacted, or undefined when it is a public unicast address. */
export function refusalOf(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let parsed = ipaddr.parse(address);
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address inside.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  // ipaddr.js names every special-purpose block (private, loopback, linkLocal, uniqueLocal,
  // carrierGradeNat, multicast, reserved, unspecified, …); only "unicast" is the public net.
  return range === 'unicast' ? undefined : `${address} is a ${describeRange(range)} address`;
}

function describeRange(range: string): string {
  switch (range) {
    case 'private':
    case 'uniqueLocal':
      return 'private';
    case 'loopback':
      return 'loopback';
    case 'linkLocal':
      return 'link-local';
    default:
      return `non-public (${range})`;
  }
}

/** True when `host` (a URL's hostname, IPv6 without brackets) is an IP literal. */
export function isIpLiteral(host: string): boolean {
  return isIP(host) !== 0;
}
