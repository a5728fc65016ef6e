/**
 * The client's IP. X-Forwarded-For is only believed behind TRUSTED_PROXY_HOPS proxies we run:
 * the address that many hops from the right is the one our outermost proxy saw. Otherwise (the
 * default) the socket's remote address is used and forwarding headers are ignored.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export function clientIp(c: Context, trustedProxyHops: number): string {
  let remote = 'unknown';
  try {
    remote = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process tests have no socket.
  }
  if (trustedProxyHops <= 0) return remote;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, remote];
  return chain[Math.max(0, chain.length - 1 - trustedProxyHops)] ?? remote;
}
