/**
 * The bot candidate: signs up through the API, creates an interview, joins its room with
 * @livekit/rtc-node, publishes Flite speech like a microphone (10 ms frames in real time, digital
 * silence between answers) and listens to the recruiter's track. Every time is performance.now()
 * in this process, so speech end and recruiter audio share one clock.
 */
import { CandidateClient as ApiClient } from '../../tests/helpers/api.js';
import { performance } from 'node:perf_hooks';
import type { AudioSource, RemoteTrack, Room } from '@livekit/rtc-node';
import type { Rtc } from './deps.js';
import { EnergyGate } from './energy.js';
import type { Utterance } from './wav.js';

export const FRAME_MS = 10;
/**
 * A recruiter frame arriving this late after the previous one, mid-speech, counts as dropped
 * audio. Generous, because on 2 shared cores this process itself is sometimes descheduled for
 * 100 ms; the jitter buffer hides shorter gaps from a listener anyway.
 */
export const AUDIO_GAP_MS = 250;

export class BotError extends Error {
  override name = 'BotError';
}

export interface BotOptions {
  apiUrl: string;
  rtc: Rtc;
  /** Recruiter frames at or above this count as audio (Flite speech sits around -20 dBFS). */
  thresholdDbfs?: number;
  /** Quiet this long ends a recruiter segment (covers gaps between words). */
  hangoverMs?: number;
  /** The AudioSource queue: small, and added to every end-of-speech time. */
  queueMs?: number;
  timeBoxMinutes?: number;
}

/** The candidate API client the cross-process tests use (session cookie + same-origin headers). */
export { ApiClient };

export interface SpeechTiming {
  /** When the first sample of the answer reaches the wire (capture time + queue). */
  startAt: number;
  /** When the last sample of speech reaches the wire: the known end of speech. */
  endAt: number;
}

/** One candidate in one interview room. */
export class BotCandidate {
  readonly gate: EnergyGate;
  readonly api: ApiClient;
  interviewId = '';
  joinedAt = 0;
  /** Recruiter frames that arrived more than AUDIO_GAP_MS after the previous one while it was talking. */
  audioGaps = 0;
  recruiterLeft = false;
  private room: Room | null = null;
  private source: AudioSource | null = null;
  private pending: { samples: Int16Array; offset: number; onStart: (t: number) => void; onEnd: (t: number) => void } | null = null;
  private pumping = false;
  private pumpDone: Promise<void> = Promise.resolve();
  private lastFrameAt = 0;
  private ticker: NodeJS.Timeout | null = null;
  private readonly queueMs: number;
  private readonly rtc: Rtc;

  /** `api`: a signed-in client to reuse (sign-ups are rate-limited per IP). */
  constructor(private readonly opts: BotOptions, api?: ApiClient) {
    this.rtc = opts.rtc;
    this.queueMs = opts.queueMs ?? 40;
    this.gate = new EnergyGate({ thresholdDbfs: opts.thresholdDbfs ?? -45, hangoverMs: opts.hangoverMs ?? 300 });
    this.api = api ?? new ApiClient(opts.apiUrl);
  }

  /** Signs up and creates the interview (not timed). */
  async prepare(): Promise<void> {
    if (!this.api.cookie) await this.api.signUp();
    this.interviewId = await this.api.createInterview({ timeBoxMinutes: this.opts.timeBoxMinutes ?? 60 });
  }

  /** Gets a token, joins, publishes the microphone and starts listening. `joinedAt` is when connect() returned. */
  async join(): Promise<void> {
    const rtc = this.rtc;
    const { server_url, participant_token } = await this.api.token(this.interviewId);
    const room = new rtc.Room();
    this.room = room;
    room.on(rtc.RoomEvent.TrackSubscribed, (track: RemoteTrack, _pub, participant) => {
      if (track.kind === rtc.TrackKind.KIND_AUDIO && participant.identity.startsWith('agent-')) void this.listen(track);
    });
    room.on(rtc.RoomEvent.ParticipantDisconnected, (p) => {
      if (p.identity.startsWith('agent-')) this.recruiterLeft = true;
    });
    await room.connect(server_url, participant_token, { autoSubscribe: true, dynacast: false });
    this.joinedAt = performance.now();
    const source = new rtc.AudioSource(48_000, 1, this.queueMs);
    this.source = source;
    const track = rtc.LocalAudioTrack.createAudioTrack('microphone', source);
    await room.localParticipant!.publishTrack(track, new rtc.TrackPublishOptions({ source: rtc.TrackSource.SOURCE_MICROPHONE }));
    this.pumping = true;
    this.pumpDone = this.pump();
    this.ticker = setInterval(() => this.gate.tick(performance.now()), 20);
  }

  private async listen(track: RemoteTrack): Promise<void> {
    const stream = new this.rtc.AudioStream(track, { sampleRate: 48_000, numChannels: 1 });
    for await (const frame of stream) {
      const now = performance.now();
      if (this.gate.isLoud() && this.lastFrameAt > 0 && now - this.lastFrameAt > AUDIO_GAP_MS) this.audioGaps += 1;
      this.lastFrameAt = now;
      this.gate.push(frame.data, now);
    }
  }

  /**
   * The microphone: one 10 ms frame per tick, speech when an answer is queued, digital silence
   * otherwise (a real mic never stops sending, and VAD needs the silence to end a turn). Paced by
   * the clock so the AudioSource queue stays at `queueMs`.
   */
  private async pump(): Promise<void> {
    const rtc = this.rtc;
    const spf = (48_000 * FRAME_MS) / 1000;
    const silence = new Int16Array(spf);
    let t0 = performance.now();
    let i = 0;
    while (this.pumping && this.source) {
      const due = t0 + i * FRAME_MS - this.queueMs;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      let data = silence;
      const p = this.pending;
      let started = false;
      let ended = false;
      if (p) {
        data = new Int16Array(spf);
        data.set(p.samples.subarray(p.offset, p.offset + spf));
        started = p.offset === 0;
        p.offset += spf;
        ended = p.offset >= p.samples.length;
        if (ended) this.pending = null;
      }
      const before = this.source.queuedDuration;
      const capturedAt = performance.now();
      try {
        await this.source.captureFrame(new rtc.AudioFrame(data, 48_000, 1, spf));
      } catch {
        break;
      }
      // The frame leaves the queue after what was queued before it; its last sample one frame later.
      if (started) p!.onStart(capturedAt + before);
      if (ended) p!.onEnd(capturedAt + before + (p!.samples.length % spf || spf) * (1000 / 48_000));
      i += 1;
      // After a stall (GC, CPU starvation) restart the schedule instead of bursting to catch up.
      const now = performance.now();
      if (now - (t0 + i * FRAME_MS) > 200) {
        t0 = now;
        i = 0;
      }
    }
  }

  /** Speaks one answer; resolves when its last sample has been handed to the source. */
  say(u: Utterance): Promise<SpeechTiming> {
    if (this.pending) throw new BotError('already speaking');
    return new Promise((resolve) => {
      let startAt = 0;
      this.pending = {
        samples: u.samples,
        offset: 0,
        onStart: (t) => (startAt = t),
        onEnd: (t) => resolve({ startAt, endAt: t }),
      };
    });
  }

  /** Resolves with the first recruiter onset at or after `t`, or null after `timeoutMs`. */
  async waitForOnset(t: number, timeoutMs: number): Promise<number | null> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const at = this.gate.firstOnsetAfter(t);
      if (at !== null) return at;
      if (performance.now() > deadline || this.recruiterLeft) return null;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Resolves with the end of the segment open at or starting after `t`, or null on timeout. */
  async waitForOffset(t: number, timeoutMs: number): Promise<number | null> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const seg = this.gate.segments.find((s) => s.end === null || s.end >= t);
      if (seg && seg.end !== null && seg.end >= t) return seg.end;
      if (performance.now() > deadline) return null;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Waits until the recruiter has been quiet for `quietMs` (the end of its turn), up to `timeoutMs`. */
  async waitForQuiet(quietMs: number, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const last = this.gate.segments[this.gate.segments.length - 1];
      const lastLoud = last ? (last.end ?? Infinity) : -Infinity;
      if (performance.now() - lastLoud >= quietMs) return true;
      if (performance.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Ends the interview the way a candidate's End button does. A bot that only disconnected would hold
   * its job for the rejoin grace period (AGENT_REJOIN_GRACE_SECONDS) and skew the next round's capacity.
   */
  async endInterview(): Promise<void> {
    if (!this.interviewId) return;
    await this.api.request('POST', `/api/interviews/${this.interviewId}/end`).catch(() => undefined);
  }

  async leave(): Promise<void> {
    this.pumping = false;
    if (this.ticker) clearInterval(this.ticker);
    await this.pumpDone.catch(() => undefined);
    await this.source?.close().catch(() => undefined);
    await this.room?.disconnect().catch(() => undefined);
    this.room = null;
    this.source = null;
  }
}
