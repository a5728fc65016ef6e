/**
 * What the free tryout stores about a device: keyed hashes only (HMAC-SHA256 under the server's
 * tryout secret), so the stored values can be matched against a returning device but never turned
 * back into a fingerprint or an address, and never matched against another server's data.
 *
 * The browser sends two SHA-256 hex digests it computed itself (web/src/tryout/fingerprint.ts): of a
 * random id it keeps in localStorage (the device), and of stable features (user agent, languages,
 * screen, time zone, platform). The server adds the network prefix of the client's address (/24 for
 * IPv4, /48 for IPv6: what one household or office usually holds), so clearing storage or opening a
 * private window on the same machine and network still meets the network key.
 */
import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

export interface TryoutKeys {
  /** The same browser profile (its stored id), from any network. */
  deviceKey: string;
  /** The same stable browser features from the same network prefix. */
  networkKey: string;
  /** The network prefix alone (the hourly cap). */
  prefixKey: string;
}

/** 16-bit groups of an IPv6 address, with `::` expanded and an embedded IPv4 tail converted; null if malformed. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().split('%')[0]!;
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const bytes = v4Tail[1]!.split('.').map(Number);
    text = text.slice(0, -v4Tail[1]!.length) + `${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.some((g) => Number.isNaN(g) || g < 0 || g > 0xffff) ? null : groups;
}

/**
 * The network an address belongs to, as the cap counts it: `a.b.c.0/24` for IPv4 (an IPv4-mapped
 * IPv6 address counts as its IPv4 address), `xxxx:xxxx:xxxx::/48` for IPv6, and the input as it is
 * for anything else (in-process tests have no socket: `unknown`).
 */
export function networkPrefix(ip: string): string {
  const address = ip.trim();
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(address)) {
    const groups = ipv6Groups(address);
    if (!groups) return address;
    const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
    if (mapped) return networkPrefix(`${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`);
    return `${groups.slice(0, 3).map((g) => g.toString(16)).join(':')}::/48`;
  }
  return address;
}

function keyed(secret: Uint8Array, label: string, value: string): string {
  return createHmac('sha256', secret).update(`${label}\u0000${value}`, 'utf8').digest('hex');
}

/** The three stored keys for one request; each under its own label, so no key can stand in for another. */
export function tryoutKeys(secret: Uint8Array, input: { deviceId: string; fingerprint: string; ip: string }): TryoutKeys {
  const prefix = networkPrefix(input.ip);
  return {
    deviceKey: keyed(secret, 'tryout-device', input.deviceId),
    networkKey: keyed(secret, 'tryout-network', `${prefix}\u0000${input.fingerprint}`),
    prefixKey: keyed(secret, 'tryout-prefix', prefix),
  };
}
