/**
 * The cluster for cross-process tests (scripts/cluster-stack.ts) and what the tests read from it to
 * prove where a call landed: the node a room lives on (LiveKit's own room → node map in Redis) and
 * the worker a job went to (livekit-server's "assigned job to worker" line: room name and worker id,
 * no personal data).
 */
import type { Cluster } from '../../scripts/cluster-stack.js';
import { TypingCandidate } from './bot-candidate.js';

export * from '../../scripts/cluster-stack.js';

/**
 * Room name → the worker of its latest job, from every livekit node's log (the node that holds the
 * chosen worker logs the assignment; a re-dispatched room has several, the latest wins by time).
 */
export function jobWorkers(cluster: Cluster): Map<string, string> {
  const found: { at: string; room: string; worker: string }[] = [];
  for (const name of cluster.names.filter((n) => n.startsWith('livekit-'))) {
    for (const m of cluster.supervisor.logs(name).matchAll(/^(\S+)\s.*assigned job to worker\s+(\{.*\})\s*$/gm)) {
      const fields = JSON.parse(m[2]!) as { room?: string; workerID?: string };
      if (fields.room && fields.workerID) found.push({ at: m[1]!, room: fields.room, worker: fields.workerID });
    }
  }
  found.sort((a, b) => a.at.localeCompare(b.at));
  return new Map(found.map((f) => [f.room, f.worker]));
}

/** Which process (agent-1, agent-2) runs as this worker id: the worker logs its id when it registers. */
export function workerProcess(cluster: Cluster, workerId: string): string | null {
  return cluster.names.filter((n) => n.startsWith('agent-')).find((n) => cluster.supervisor.logs(n).includes(`"id":"${workerId}"`)) ?? null;
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

/**
 * A candidate who only types: joins like TypingCandidate, then takes its silent microphone track
 * down, so the recruiter's job runs no voice detection or recognition on silence. Eight of those
 * jobs fit a shared 2-core machine where eight listening ones do not (VAD fell 80 s behind).
 */
export class TextOnlyCandidate extends TypingCandidate {
  override async join(url: string, token: string): Promise<void> {
    await super.join(url, token);
    const local = this.room.localParticipant!;
    for (const pub of [...local.trackPublications.values()]) if (pub.sid) await local.unpublishTrack(pub.sid);
  }
}

/** Signs in through `url` as a second device; returns its session cookie (`name=value`), not the device tag. */
export async function signInCookie(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email, password }),
  });
  await res.text();
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((pair) => !pair.startsWith('mr_device=') && !pair.endsWith('='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie;
}
