/**
 * The live call as a small external store: connects to the LiveKit room with the token from the
 * API, publishes the microphone, follows the recruiter agent's state, collects captions, sends
 * typed answers on `lk.chat`, and reports problems in words. React reads it through
 * useSyncExternalStore, so reconnects and StrictMode re-mounts do not fight over one Room.
 *
 * Connection loss: livekit-client's own reconnection shows as the 'reconnecting' phase; when it
 * fails, the call rejoins once by itself with a fresh token (the same interview: the recruiter waits
 * for the candidate, docs/decisions/011-rejoin-grace.md), then offers Rejoin. The end of the
 * interview (goodbye, time box, End) is an end with a notice, never an error (call-state.ts).
 */
import {
  ConnectionState,
  DisconnectReason,
  LocalAudioTrack,
  Participant,
  RemoteAudioTrack,
  RemoteParticipant,
  RemoteTrack,
  Room,
  RoomEvent,
  Track,
  createLocalAudioTrack,
  type TextStreamReader,
} from 'livekit-client';
import type { CHAT_TOPIC as CoreChatTopic, EndReason } from '@mockroom/core';
import { api, ApiError } from '../api.js';
import {
  ATTR_FINAL,
  ATTR_SEGMENT_ID,
  ATTR_TRACK_ID,
  TRANSCRIPTION_TOPIC,
  captionsReducer,
  initialCaptions,
  type CaptionEvent,
  type CaptionSpeaker,
  type CaptionState,
} from './captions.js';
import { afterAgentLeft, afterDisconnect, endNotice, type DisconnectCause } from './call-state.js';

/** How long to wait for the recruiter to join before telling the candidate. */
export const AGENT_ARRIVAL_TIMEOUT_MS = 15_000;
/** Times the interview's state is read after the recruiter leaves, a second apart. */
const AGENT_LEFT_STATUS_CHECKS = 3;
export const AGENT_STATE_ATTRIBUTE = 'lk.agent.state';
/** Same value as core's CHAT_TOPIC; typed against it so the bundle needs no schema code. */
export const CHAT_TOPIC: typeof CoreChatTopic = 'lk.chat';

export type CallPhase = 'idle' | 'connecting' | 'waiting-agent' | 'live' | 'reconnecting' | 'ended' | 'failed';
export type AgentState = 'initializing' | 'listening' | 'thinking' | 'speaking' | 'idle' | 'unknown';

export type CallProblemKind =
  | 'mic-denied'
  | 'mic-missing'
  | 'mic-insecure'
  | 'agent-late'
  | 'agent-left'
  | 'connect-failed'
  | 'disconnected'
  | 'audio-blocked'
  | 'send-failed';

export interface CallProblem {
  kind: CallProblemKind;
  message: string;
}

export interface CallSnapshot {
  phase: CallPhase;
  agentState: AgentState;
  agentPresent: boolean;
  captions: CaptionState;
  problems: CallProblem[];
  muted: boolean;
  micAvailable: boolean;
  /** Epoch ms when the call became live (agent present), for the elapsed clock. */
  startedAt: number | null;
  localMicTrack: MediaStreamTrack | null;
  agentAudioTrack: MediaStreamTrack | null;
  /** Set once the interview is over: how the end is told (not an error). */
  endNotice: string | null;
}

function toCause(reason: DisconnectReason | undefined): DisconnectCause {
  switch (reason) {
    case DisconnectReason.CLIENT_INITIATED:
      return 'client';
    case DisconnectReason.ROOM_DELETED:
      return 'room-deleted';
    case DisconnectReason.DUPLICATE_IDENTITY:
      return 'duplicate-identity';
    default:
      return 'other';
  }
}

const PROBLEM_TEXT: Record<CallProblemKind, string> = {
  'mic-denied':
    'Microphone access is blocked. Allow it in your browser’s site settings and rejoin — meanwhile you can type your answers.',
  'mic-insecure':
    'The browser offers a microphone only on a secure connection (https or localhost). You can type your answers.',
  'mic-missing': 'No microphone was found. Plug one in and rejoin — meanwhile you can type your answers.',
  'agent-late':
    'The recruiter has not joined yet. We are still waiting; if this persists, end the call and try again in a minute.',
  'agent-left': 'The recruiter dropped out of the call. Waiting for them to come back…',
  'connect-failed': 'Could not connect to the interview room.',
  disconnected: 'The connection was lost.',
  'audio-blocked': 'Your browser blocked audio playback. Press “Enable audio” to hear the recruiter.',
  'send-failed': 'Your typed answer could not be sent. Try again.',
};

function problem(kind: CallProblemKind, message?: string): CallProblem {
  return { kind, message: message ?? PROBLEM_TEXT[kind] };
}

function toAgentState(value: string | undefined): AgentState {
  switch (value) {
    case 'initializing':
    case 'listening':
    case 'thinking':
    case 'speaking':
    case 'idle':
      return value;
    default:
      return 'unknown';
  }
}

export function isAgentParticipant(p: Participant): boolean {
  return p.isAgent || AGENT_STATE_ATTRIBUTE in p.attributes;
}

export class InterviewCall {
  private room: Room | null = null;
  private micTrack: LocalAudioTrack | null = null;
  private agentTimer: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<() => void>();
  private audioElements: HTMLMediaElement[] = [];
  private endedByUs = false;
  /** Set by leave(): a join still in flight must not open a room afterwards. */
  private disposed = false;
  private typedSeq = 0;
  /** Automatic full rejoins since the call was last live (call-state.ts AUTO_REJOINS). */
  private autoRejoins = 0;
  private snap: CallSnapshot = {
    phase: 'idle',
    agentState: 'initializing',
    agentPresent: false,
    captions: initialCaptions,
    problems: [],
    muted: false,
    micAvailable: false,
    startedAt: null,
    localMicTrack: null,
    agentAudioTrack: null,
    endNotice: null,
  };

  constructor(
    readonly interviewId: string,
    private readonly audioContainer: () => HTMLElement | null,
  ) {}

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): CallSnapshot => this.snap;

  private set(patch: Partial<CallSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const fn of this.listeners) fn();
  }

  private addProblem(p: CallProblem): void {
    const problems = this.snap.problems.filter((x) => x.kind !== p.kind);
    this.set({ problems: [...problems, p] });
  }

  private clearProblem(...kinds: CallProblemKind[]): void {
    if (!this.snap.problems.some((p) => kinds.includes(p.kind))) return;
    this.set({ problems: this.snap.problems.filter((p) => !kinds.includes(p.kind)) });
  }

  private caption(ev: CaptionEvent): void {
    this.set({ captions: captionsReducer(this.snap.captions, ev) });
  }

  /** Connect and publish the microphone. Safe to call again after a failure ("Rejoin"). */
  private deviceId: string | undefined;

  async join(opts: { deviceId?: string } = {}): Promise<void> {
    this.deviceId = opts.deviceId ?? this.deviceId;
    if (this.snap.phase === 'connecting' || this.snap.phase === 'live' || this.snap.phase === 'waiting-agent' || this.snap.phase === 'ended') return;
    this.endedByUs = false;
    this.set({ phase: 'connecting', problems: [] });

    this.disposed = false;
    await this.openMicrophone(opts.deviceId);
    if (this.disposed) return this.releaseMic();

    let token;
    try {
      token = await api.getToken(this.interviewId);
      if (this.disposed) return this.releaseMic();
    } catch (err) {
      // A reload after the end, or a rejoin that came too late: the interview is over, not broken.
      if (err instanceof ApiError && err.code === 'interview_closed') return this.finish();
      const message = err instanceof ApiError ? `${PROBLEM_TEXT['connect-failed']} ${err.message}` : undefined;
      this.fail(problem('connect-failed', message));
      return;
    }

    const room = new Room({ adaptiveStream: false, dynacast: false, disconnectOnPageLeave: true });
    this.room = room;
    this.wireRoom(room);
    try {
      await room.connect(token.server_url, token.participant_token, { autoSubscribe: true });
    } catch {
      if (this.room === room) this.fail(problem('connect-failed'));
      return;
    }
    if (this.room !== room || this.disposed) {
      await room.disconnect();
      return;
    }

    if (this.micTrack) {
      try {
        await room.localParticipant.publishTrack(this.micTrack, { source: Track.Source.Microphone });
      } catch {
        this.addProblem(problem('mic-missing', 'Your microphone could not be shared. You can type your answers.'));
      }
    }

    const agent = [...room.remoteParticipants.values()].find(isAgentParticipant);
    if (agent) this.onAgentPresent(agent);
    else {
      this.set({ phase: 'waiting-agent' });
      this.agentTimer = setTimeout(() => {
        if (!this.snap.agentPresent && this.room === room) this.addProblem(problem('agent-late'));
      }, AGENT_ARRIVAL_TIMEOUT_MS);
    }
    if (!room.canPlaybackAudio) this.addProblem(problem('audio-blocked'));
  }

  private async openMicrophone(deviceId: string | undefined): Promise<void> {
    if (this.micTrack) return;
    if (!window.isSecureContext || !navigator.mediaDevices) {
      this.addProblem(problem('mic-insecure'));
      return;
    }
    try {
      this.micTrack = await createLocalAudioTrack({
        deviceId: deviceId || undefined,
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
      });
      this.set({ micAvailable: true, localMicTrack: this.micTrack.mediaStreamTrack, muted: false });
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      const kind: CallProblemKind = name === 'NotFoundError' || name === 'OverconstrainedError' ? 'mic-missing' : 'mic-denied';
      this.addProblem(problem(kind));
      this.set({ micAvailable: false, localMicTrack: null });
    }
  }

  private wireRoom(room: Room): void {
    room
      .on(RoomEvent.ParticipantConnected, (p: RemoteParticipant) => {
        if (isAgentParticipant(p)) this.onAgentPresent(p);
      })
      .on(RoomEvent.ParticipantAttributesChanged, (_changed, p: Participant) => {
        if (p instanceof RemoteParticipant && isAgentParticipant(p)) {
          if (!this.snap.agentPresent) this.onAgentPresent(p);
          this.set({ agentState: toAgentState(p.attributes[AGENT_STATE_ATTRIBUTE]) });
        }
      })
      .on(RoomEvent.ParticipantDisconnected, (p: RemoteParticipant) => {
        if (!isAgentParticipant(p) || this.endedByUs) return;
        this.set({ agentPresent: false, agentAudioTrack: null, agentState: 'unknown' });
        if (this.snap.phase === 'live') void this.onAgentLeft(room);
      })
      .on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _pub, p: RemoteParticipant) => {
        if (track.kind !== Track.Kind.Audio) return;
        const el = (track as RemoteAudioTrack).attach();
        el.dataset.participant = p.identity;
        this.audioContainer()?.appendChild(el);
        this.audioElements.push(el);
        if (isAgentParticipant(p)) {
          if (!this.snap.agentPresent) this.onAgentPresent(p);
          this.set({ agentAudioTrack: track.mediaStreamTrack });
        }
      })
      .on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack, _pub, p: RemoteParticipant) => {
        for (const el of track.detach()) {
          el.remove();
          this.audioElements = this.audioElements.filter((x) => x !== el);
        }
        if (isAgentParticipant(p) && this.snap.agentAudioTrack === track.mediaStreamTrack) {
          this.set({ agentAudioTrack: null });
        }
      })
      .on(RoomEvent.AudioPlaybackStatusChanged, () => {
        if (room.canPlaybackAudio) this.clearProblem('audio-blocked');
        else this.addProblem(problem('audio-blocked'));
      })
      .on(RoomEvent.Reconnecting, () => {
        this.set({ phase: 'reconnecting' });
      })
      .on(RoomEvent.Reconnected, () => {
        this.clearProblem('disconnected');
        this.set({ phase: this.snap.agentPresent ? 'live' : 'waiting-agent' });
      })
      .on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
        if (this.room !== room) return;
        this.cleanupRoom();
        const outcome = afterDisconnect({ byUser: this.endedByUs, interviewOver: this.snap.endNotice !== null, cause: toCause(reason), autoRejoinsUsed: this.autoRejoins });
        if (outcome === 'ended') {
          if (this.endedByUs) this.set({ phase: 'ended' });
          else void this.finish();
          return;
        }
        this.room = null;
        // livekit-client stops the published microphone with the room; the next join opens a new one.
        this.releaseMic();
        if (outcome === 'auto-rejoin') {
          this.autoRejoins += 1;
          this.set({ phase: 'reconnecting' });
          void this.join({ deviceId: this.deviceId });
          return;
        }
        if (outcome === 'replaced') {
          this.fail(problem('disconnected', 'This interview was opened in another tab or window, so this one left the call. Press Rejoin to take it back here.'));
          return;
        }
        this.fail(problem('disconnected', `${PROBLEM_TEXT.disconnected} Automatic reconnection did not succeed — press Rejoin.`));
      });

    room.registerTextStreamHandler(TRANSCRIPTION_TOPIC, (reader, info) => {
      void this.readCaption(room, reader, info.identity);
    });
  }

  private async readCaption(room: Room, reader: TextStreamReader, identity: string): Promise<void> {
    const attrs = reader.info.attributes ?? {};
    const streamId = reader.info.id;
    const segmentId = attrs[ATTR_SEGMENT_ID] || streamId;
    const speaker = this.speakerOf(room, identity, attrs[ATTR_TRACK_ID]);
    this.caption({
      type: 'open',
      streamId,
      segmentId: `${speaker}:${segmentId}`,
      speaker,
      final: attrs[ATTR_FINAL] === 'true',
      at: Date.now(),
    });
    try {
      for await (const chunk of reader) this.caption({ type: 'chunk', streamId, text: chunk });
    } catch {
      // A stream cut by a reconnect keeps the text received so far.
    }
    this.caption({ type: 'close', streamId });
  }

  private speakerOf(room: Room, identity: string, trackId: string | undefined): CaptionSpeaker {
    const local = room.localParticipant;
    if (identity === local.identity) return 'candidate';
    if (trackId && [...local.trackPublications.values()].some((p) => p.trackSid === trackId)) return 'candidate';
    return 'recruiter';
  }

  /** The recruiter left: the end of the interview if the API says so, else wait for it to come back. */
  private async onAgentLeft(room: Room): Promise<void> {
    // The agent records the end as it leaves; its post may land a moment after the departure.
    for (let attempt = 0; attempt < AGENT_LEFT_STATUS_CHECKS; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 1_000));
      const status = await api.getInterview(this.interviewId).then(
        (d) => d.interview.status,
        () => null,
      );
      if (this.room !== room || this.endedByUs) return;
      if (afterAgentLeft(status) === 'ended') return this.finish();
    }
    this.addProblem(problem('agent-left'));
    this.set({ phase: 'waiting-agent' });
  }

  /**
   * The interview is over (goodbye, time box, End, or it had ended before this page loaded): leave
   * the room, stop the microphone and say so plainly.
   */
  private async finish(): Promise<void> {
    const reason: EndReason | null = await api.getInterview(this.interviewId).then(
      (d) => d.interview.endReason,
      () => null,
    );
    this.endedByUs = true;
    await this.disconnectRoom();
    this.set({ phase: 'ended', problems: [], endNotice: endNotice(reason) });
  }

  /** Leaves the room: clears its timer, caption handler and audio elements, disconnects, stops the microphone. */
  private async disconnectRoom(): Promise<void> {
    const room = this.room;
    this.cleanupRoom();
    this.room = null;
    await room?.disconnect();
    this.releaseMic();
  }

  private onAgentPresent(p: Participant): void {
    this.autoRejoins = 0;
    if (this.agentTimer) clearTimeout(this.agentTimer);
    this.agentTimer = null;
    this.clearProblem('agent-late', 'agent-left');
    this.set({
      agentPresent: true,
      agentState: toAgentState(p.attributes[AGENT_STATE_ATTRIBUTE]),
      phase: this.room?.state === ConnectionState.Reconnecting ? 'reconnecting' : 'live',
      startedAt: this.snap.startedAt ?? Date.now(),
    });
  }

  async startAudio(): Promise<void> {
    await this.room?.startAudio();
    if (this.room?.canPlaybackAudio) this.clearProblem('audio-blocked');
  }

  async setMuted(muted: boolean): Promise<void> {
    if (!this.micTrack) return;
    if (muted) await this.micTrack.mute();
    else await this.micTrack.unmute();
    this.set({ muted });
  }

  /** Sends a typed answer on the chat topic the agent reads, and shows it in the captions. */
  async sendTyped(text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (!trimmed || !this.room || this.room.state !== ConnectionState.Connected) return false;
    try {
      await this.room.localParticipant.sendText(trimmed, { topic: CHAT_TOPIC });
    } catch {
      this.addProblem(problem('send-failed'));
      return false;
    }
    this.clearProblem('send-failed');
    this.typedSeq += 1;
    this.caption({ type: 'typed', id: `typed:${Date.now()}:${this.typedSeq}`, text: trimmed, at: Date.now() });
    return true;
  }

  /** Ends the interview on the server first (so scoring starts), then leaves the room. */
  async end(): Promise<void> {
    this.endedByUs = true;
    try {
      await api.endInterview(this.interviewId);
    } finally {
      await this.leave();
      this.set({ phase: 'ended' });
    }
  }

  /** Leaves without ending the interview (page closed or navigated away). */
  async leave(): Promise<void> {
    this.endedByUs = true;
    this.disposed = true;
    await this.disconnectRoom();
  }

  private releaseMic(): void {
    this.micTrack?.stop();
    this.micTrack = null;
    this.set({ localMicTrack: null, micAvailable: false });
  }

  private fail(p: CallProblem): void {
    this.cleanupRoom();
    this.room = null;
    this.addProblem(p);
    this.set({ phase: 'failed' });
  }

  private cleanupRoom(): void {
    if (this.agentTimer) clearTimeout(this.agentTimer);
    this.agentTimer = null;
    this.room?.unregisterTextStreamHandler(TRANSCRIPTION_TOPIC);
    for (const el of this.audioElements) el.remove();
    this.audioElements = [];
    this.set({ agentPresent: false, agentAudioTrack: null });
  }
}
