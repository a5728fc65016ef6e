/**
 * The cluster for cross-process tests (scripts/cluster-stack.ts) and what the tests read from it to
 * prove where a call landed: the node a room lives on (LiveKit's own room → node map in Redis) and
 * the worker a job went to (livekit-server's "assigned job to worker" line: room name and worker id,
 * no personal data).
 */
import type { Cluster } from '../../scripts/cluster-stack.js';

export * from '../../scripts/cluster-stack.js';

/** Room name → worker id, from every livekit node's log (the node that hosts a job's room assigns it). */
export function jobWorkers(cluster: Cluster): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of cluster.names.filter((n) => n.startsWith('livekit-'))) {
    for (const m of cluster.supervisor.logs(name).matchAll(/assigned job to worker\s+(\{.*\})\s*$/gm)) {
      const fields = JSON.parse(m[1]!) as { room?: string; workerID?: string };
      if (fields.room && fields.workerID) out.set(fields.room, fields.workerID);
    }
  }
  return out;
}

/** Worker ids registered with the cluster, in order, from the livekit nodes' logs. */
export function registeredWorkers(cluster: Cluster): string[] {
  const ids: string[] = [];
  for (const name of cluster.names.filter((n) => n.startsWith('livekit-'))) {
    for (const m of cluster.supervisor.logs(name).matchAll(/worker registered\s+(\{.*\})\s*$/gm)) {
      const id = (JSON.parse(m[1]!) as { workerID?: string }).workerID;
      if (id && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** A request straight to one API instance, as a browser on the cluster's URL would send it. */
export async function instanceRequest(instanceUrl: string, origin: string, cookie: string, method: string, path: string): Promise<number> {
  const res = await fetch(`${instanceUrl}${path}`, {
    method,
    headers: { origin, 'sec-fetch-site': 'same-origin', cookie },
    signal: AbortSignal.timeout(10_000),
  });
  await res.text();
  return res.status;
}
