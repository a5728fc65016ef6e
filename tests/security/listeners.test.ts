/**
 * Finding 7 of issue 15, across processes: the stack `pnpm start` runs (livekit-server, the API,
 * the agent worker and its job processes) listens on loopback only, and its API serves no mail
 * outbox. Sockets are read from /proc, so a listener added later is covered without editing this.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

interface Listener {
  proto: string;
  address: string;
  port: number;
  inode: string;
}

/** Decodes /proc/net's hex address (IPv4 little-endian per 32-bit word, IPv6 as four such words). */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(''));
  if (words.length === 1) return words[0]!.match(/../g)!.map((b) => parseInt(b, 16)).join('.');
  const bytes = words.join('');
  if (bytes.startsWith('00000000000000000000ffff')) return decodeAddress(hex.slice(24));
  return bytes.match(/.{4}/g)!.map((g) => g.replace(/^0+/, '') || '0').join(':');
}

function listeners(): Listener[] {
  const found: Listener[] = [];
  for (const proto of ['tcp', 'tcp6', 'udp', 'udp6']) {
    for (const line of readFileSync(`/proc/net/${proto}`, 'utf8').trim().split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [local, remote, state, inode] = [cols[1]!, cols[2]!, cols[3]!, cols[9]!];
      // TCP: LISTEN (0A). UDP: bound and not connected to a peer (remote port 0).
      const listening = proto.startsWith('tcp') ? state === '0A' : remote.endsWith(':0000');
      if (!listening) continue;
      const [addr, port] = local.split(':') as [string, string];
      found.push({ proto, address: decodeAddress(addr.toLowerCase()), port: parseInt(port, 16), inode });
    }
  }
  return found;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        // The descriptor closed while we looked.
      }
    }
  } catch {
    // The process exited while we looked.
  }
  return inodes;
}

const isLoopback = (address: string) => address.startsWith('127.') || address === '0:0:0:0:0:0:0:1';

describe('the started stack', () => {
  it('listens on loopback only, every process of it', () => {
    const pids = stack.processIds();
    expect(pids.length).toBeGreaterThanOrEqual(3);
    const ours = new Set(pids.flatMap((pid) => [...socketInodes(pid)]));
    const open = listeners().filter((l) => ours.has(l.inode));
    // The API, livekit-server's signalling port and its UDP mux at least.
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(open.filter((l) => !isLoopback(l.address)).map((l) => `${l.proto} ${l.address}:${l.port}`)).toEqual([]);
  });

  it('serves no mail outbox', async () => {
    const res = await fetch(`${stack.apiUrl}/api/dev/outbox`);
    expect(res.status).toBe(404);
  });
});
