/**
 * Mockroom as a cluster, across real processes on loopback (scripts/cluster-stack.ts): Redis, two
 * livekit-server nodes in LiveKit's multi-node mode, two API instances on one PostgreSQL, two agent
 * workers and haproxy in front — every candidate request and every LiveKit connection goes through
 * the balancer's one URL. Bot candidates who type their answers (tests/helpers/cluster.ts) stand in
 * for browsers.
 *
 * - Eight interviews land on both nodes (LiveKit's room → node map in Redis) and both workers
 *   (livekit-server's job assignments), and each recruiter answers its candidate.
 * - An agent worker SIGKILLed with its job processes (a lost host): its interview resumes on the
 *   other worker (agent/src/orphan-sweep.ts), no turn lost or stored twice.
 * - An agent worker stopped with SIGTERM drains: its live interview goes on to the end while a new
 *   interview goes to the other worker.
 * - An API instance stopped: a whole call still runs and is stored through the balancer; the
 *   instance starts again on its own.
 * - Sign-out everywhere on one instance is refused on the other at once.
 *
 * Opt-in (MOCKROOM_CLUSTER_TEST=1): all five passed in 374 s at load average 6–18 on the shared
 * 2-core machine (11.7–13.8 min at load 24–38) — far past the 90 s a cross-process file may add to
 * the CI run; one run before (load 5–8) failed when both clients of the first call did a full
 * LiveKit reconnect and the recruiter's job ended with it, not yet understood (docs/decisions/020).
 * Run it alone:
 *   MOCKROOM_CLUSTER_TEST=1 pnpm exec vitest run --project tests cluster.test.ts
 */
import { toRoomName } from '@mockroom/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CandidateClient } from './helpers/api.js';
import { TextOnlyCandidate, instanceRequest, jobWorkers, registeredWorkers, signInCookie, startCluster, workerProcess, type Cluster } from './helpers/cluster.js';
import { waitFor } from './helpers/wait.js';

/** A recruiter's first words on a shared, loaded 2-core machine can take a while (a job process starts). */
const GREETING_MS = 120_000;
const REPLY_MS = 60_000;
const CALLS = 8;

interface StoredTurn {
  turnId: string;
  sequence: number;
  speaker: 'candidate' | 'recruiter';
  text: string;
}

interface Call {
  client: CandidateClient;
  interviewId: string;
  room: string;
  bot: TextOnlyCandidate;
}

async function turns(client: CandidateClient, interviewId: string): Promise<{ status: string; turns: StoredTurn[] }> {
  const d = await client.ok<{ interview: { status: string }; turns: StoredTurn[] }>('GET', `/api/interviews/${interviewId}`);
  return { status: d.interview.status, turns: d.turns };
}

describe.runIf(process.env.MOCKROOM_CLUSTER_TEST === '1')('a Mockroom cluster behind one balancer (Redis, 2 livekit nodes, 2 API instances, 2 agent workers)', () => {
  let cluster: Cluster;
  const calls: Call[] = [];
  /** The call that moved to the surviving worker: the most recently active one for the drain case. */
  let resumedCall: Call | null = null;

  async function startCall(name: string): Promise<Call> {
    const client = new CandidateClient(cluster.url);
    await client.signUp(name);
    const interviewId = await client.createInterview();
    const t = await client.token(interviewId);
    // The browser's LiveKit URL is the balancer, not a node.
    expect(t.server_url).toBe(cluster.livekitUrl);
    const bot = new TextOnlyCandidate();
    await bot.join(t.server_url, t.participant_token);
    const call = { client, interviewId, room: toRoomName(interviewId), bot };
    calls.push(call);
    return call;
  }

  async function endCall(call: Call): Promise<void> {
    await call.client.ok('POST', `/api/interviews/${call.interviewId}/end`);
    await call.bot.leave();
  }

  beforeAll(async () => {
    cluster = await startCluster({
      // One prewarmed process per worker: eight jobs on 2 cores leave no room for more.
      env: { AGENT_REJOIN_GRACE_SECONDS: '30', AGENT_IDLE_PROCESSES: '1', AGENT_MAX_JOBS: '8' },
      // A stopped process stays stopped until the test starts it.
      autoRestart: false,
    });
  }, 400_000);
  afterEach((ctx) => {
    if (ctx.task.result?.state !== 'fail' || !cluster) return;
    for (const name of ['agent-1', 'agent-2', 'livekit-1', 'livekit-2']) console.error(`--- ${name} log (tail) ---\n${cluster.supervisor.logs(name).slice(-6_000)}`);
  });
  afterAll(async () => {
    await Promise.all(calls.map((c) => c.bot.leave().catch(() => undefined)));
    // The calls are over or abandoned: no drain to wait for.
    await cluster?.stop(5_000);
  }, 120_000);

  it(`${CALLS} interviews started through the balancer land on both livekit nodes and both agent workers, and each recruiter answers`, { timeout: 900_000 }, async () => {
    const nodes = await cluster.nodeIds();
    expect(Object.keys(nodes).sort()).toEqual(['livekit-1', 'livekit-2']);
    expect(new Set(Object.values(nodes)).size).toBe(2);
    await waitFor('both workers registered', async () => (registeredWorkers(cluster).length >= 2 ? true : null), 30_000);

    // One after another, as candidates arrive: each recruiter greets and answers before the next
    // candidate joins, so one job at a time starts on this 2-core machine. LiveKit places each new
    // room on the node with the fewest rooms (node_selector sort_by: rooms).
    const answer = 'I moved our billing service to PostgreSQL and cut invoice errors by 40 percent.';
    const started: Call[] = [];
    for (let i = 0; i < CALLS; i++) {
      const call = await startCall(`Cluster Candidate ${i + 1}`);
      started.push(call);
      await call.bot.waitForLines(0, GREETING_MS);
      // Signalling relayed between nodes, media to the room's node: the candidate gets a reply.
      await call.bot.typeAndHearReply(answer, REPLY_MS);
    }

    const roomNodes = await cluster.roomNodes();
    const nodeOf = started.map((c) => roomNodes[c.room]);
    expect(nodeOf.every((n) => n !== undefined)).toBe(true);
    expect(new Set(nodeOf)).toEqual(new Set(Object.values(nodes)));

    const workers = jobWorkers(cluster);
    const workerOf = started.map((c) => workers.get(c.room));
    expect(workerOf.every((w) => w !== undefined)).toBe(true);
    expect(new Set(workerOf).size).toBe(2);
    for (const w of workerOf) expect(registeredWorkers(cluster)).toContain(w);
    console.info(
      `cluster: rooms per node ${JSON.stringify(Object.fromEntries(Object.entries(nodes).map(([n, id]) => [n, nodeOf.filter((x) => x === id).length])))}, ` +
        `jobs per worker ${JSON.stringify([...new Set(workerOf)].map((w) => workerOf.filter((x) => x === w).length))}`,
    );

    for (const c of started) {
      const d = await waitFor(
        'the answer and its reply stored',
        async () => {
          const now = await turns(c.client, c.interviewId);
          const at = now.turns.findIndex((x) => x.text === answer);
          return at >= 0 && now.turns.slice(at + 1).some((x) => x.speaker === 'recruiter') ? now : null;
        },
        30_000,
      );
      expect(d.turns.filter((x) => x.text === answer)).toHaveLength(1);
      expect(new Set(d.turns.map((x) => x.turnId)).size).toBe(d.turns.length);
    }

    // Keep the latest call of each worker live for the next cases (a call left silent for two
    // minutes is closed by the recruiter); end the rest.
    const last = CALLS - 1;
    const otherWorkerLast = workerOf.map((w, i) => (w !== workerOf[last] ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
    const keep = new Set([started[last]!, started[otherWorkerLast]!]);
    await Promise.all(started.filter((c) => !keep.has(c)).map((c) => endCall(c)));
  });

  it('an agent worker SIGKILLed with its job processes: its interview resumes on the other worker, no turn lost or stored twice', { timeout: 400_000 }, async () => {
    const workers = jobWorkers(cluster);
    const call = [...calls].reverse().find((c) => c.bot.room.isConnected)!;
    resumedCall = call;
    const deadWorker = workers.get(call.room)!;
    const deadName = workerProcess(cluster, deadWorker)!;
    expect(deadName).not.toBeNull();
    const before = await turns(call.client, call.interviewId);
    const seen = call.bot.lines.length;
    const killedAt = Date.now();
    // The whole process group: the worker, its job processes and its inference process, as a lost host.
    await cluster.supervisor.stop(deadName, 'SIGKILL');

    // Another worker finds the recruiter unstamped, evicts it and dispatches again; the new job resumes.
    const resumed = await call.bot.waitForLines(seen, 120_000);
    console.info(`cluster: worker SIGKILL → recruiter speaking again after ${Date.now() - killedAt} ms`);
    expect(resumed).not.toMatch(/I'm an AI recruiter/);
    const newWorker = jobWorkers(cluster).get(call.room);
    expect(newWorker).toBeDefined();
    expect(newWorker).not.toBe(deadWorker);

    const answer = 'I would profile the slow endpoint first and then add the missing index.';
    await call.bot.typeAndHearReply(answer, REPLY_MS);
    const after = await waitFor(
      'the answer and its reply stored',
      async () => {
        const now = await turns(call.client, call.interviewId);
        const at = now.turns.findIndex((x) => x.text === answer);
        return at >= 0 && now.turns.slice(at + 1).some((x) => x.speaker === 'recruiter') ? now : null;
      },
      30_000,
    );
    // Nothing stored before the kill was lost or rewritten; nothing is stored twice.
    expect(after.turns.slice(0, before.turns.length)).toEqual(before.turns);
    expect(new Set(after.turns.map((x) => x.turnId)).size).toBe(after.turns.length);
    expect(new Set(after.turns.map((x) => x.sequence)).size).toBe(after.turns.length);
    expect(after.turns.filter((x) => x.text === answer)).toHaveLength(1);
    expect(after.status).toBe('live');
    // The dead one was evicted: one recruiter in the room.
    expect([...call.bot.room.remoteParticipants.values()].filter((p) => !p.identity.startsWith('cand_'))).toHaveLength(1);

    // Restartable on its own: the worker comes back and registers again.
    await cluster.supervisor.start(deadName);
  });

  it('an agent worker stopped with SIGTERM drains: its live interview goes on to the end, a new one goes to the other worker', { timeout: 400_000 }, async () => {
    const live = calls.filter((c) => c.bot.room.isConnected);
    const drainedCall = resumedCall ?? live.at(-1)!;
    expect(drainedCall.bot.room.isConnected).toBe(true);
    const drainedWorker = jobWorkers(cluster).get(drainedCall.room)!;
    const drainedName = workerProcess(cluster, drainedWorker)!;
    expect(drainedName).not.toBeNull();
    const stopped = cluster.supervisor.stop(drainedName, 'SIGTERM');
    let exited = false;
    void stopped.then(() => void (exited = true));
    // livekit-server learns the worker is full from its status update.
    await new Promise((r) => setTimeout(r, 3_000));

    const fresh = await startCall('Cluster Candidate after drain');
    await fresh.bot.waitForLines(0, GREETING_MS);
    const freshWorker = jobWorkers(cluster).get(fresh.room);
    expect(freshWorker).toBeDefined();
    expect(freshWorker).not.toBe(drainedWorker);

    // The draining worker's call is still served: the recruiter answers, the worker is still up.
    const answer = 'I would first measure where the time goes, then fix the slowest query.';
    await drainedCall.bot.typeAndHearReply(answer, REPLY_MS);
    expect(exited).toBe(false);
    expect(cluster.supervisor.running(drainedName)).toBe(true);

    // Its calls end; the drained worker has nothing left and exits by itself.
    await Promise.all(live.map((c) => endCall(c)));
    await Promise.race([stopped, new Promise((_, rej) => setTimeout(() => rej(new Error('the drained worker did not exit within 60 s of its last call')), 60_000))]);
    const d = await turns(drainedCall.client, drainedCall.interviewId);
    expect(d.status).not.toBe('live');
    expect(d.turns.filter((x) => x.text === answer)).toHaveLength(1);

    await endCall(fresh);
    await cluster.supervisor.start(drainedName);
  });

  it('with one API instance stopped, a call still runs through the balancer and every turn is stored; the instance starts again', { timeout: 400_000 }, async () => {
    await cluster.supervisor.stop('api-1');
    try {
      const call = await startCall('Cluster Candidate one API');
      await call.bot.waitForLines(0, GREETING_MS);
      const answer = 'I led a team of four engineers through a database migration.';
      await call.bot.typeAndHearReply(answer, REPLY_MS);
      const stored = await waitFor(
        'the answer and its reply stored',
        async () => {
          const now = await turns(call.client, call.interviewId);
          const at = now.turns.findIndex((x) => x.text === answer);
          return at >= 0 && now.turns.slice(at + 1).some((x) => x.speaker === 'recruiter') ? now : null;
        },
        30_000,
      );
      expect(stored.turns.filter((x) => x.text === answer)).toHaveLength(1);
      expect(new Set(stored.turns.map((x) => x.turnId)).size).toBe(stored.turns.length);
      await endCall(call);
      const ended = await turns(call.client, call.interviewId);
      expect(ended.status).not.toBe('live');
    } finally {
      await cluster.supervisor.start('api-1');
    }
    expect((await fetch(`http://127.0.0.1:${cluster.ports.api[0]}/api/health`)).status).toBe(200);
  });

  it('sign-out everywhere on one API instance is refused on the other at once', async () => {
    const [api1, api2] = cluster.ports.api.map((p) => `http://127.0.0.1:${p}`) as [string, string];
    const phone = new CandidateClient(cluster.url);
    const { email } = await phone.signUp('Cluster Candidate two devices');
    const laptop = await signInCookie(cluster.url, email, 'correct horse battery staple 42');
    // The laptop's session is known (and cached) on the second instance.
    expect(await instanceRequest(api2, cluster.url, laptop, 'GET', '/api/auth/me')).toBe(200);
    expect(await instanceRequest(api1, cluster.url, phone.cookie, 'POST', '/api/auth/signout-all')).toBe(204);
    // Within a second, not the 5 s a per-instance cache would keep it.
    const refusedAfter = Date.now();
    const status = await waitFor(
      'the laptop refused on the other instance',
      async () => {
        const s = await instanceRequest(api2, cluster.url, laptop, 'GET', '/api/auth/me');
        return s === 401 ? s : null;
      },
      1_000,
    );
    expect(status).toBe(401);
    console.info(`cluster: sign-out everywhere refused on the other instance after ${Date.now() - refusedAfter} ms`);
  });
});
