/**
 * Live captions from LiveKit transcription text streams (topic `lk.transcription`).
 *
 * The agent framework sends one text stream per write: the recruiter's speech as a single
 * stream of deltas per segment, the candidate's interim transcripts as repeated streams that
 * each carry the whole segment so far, and a last stream marked `lk.transcription_final`.
 * So a new stream for a known segment replaces that segment's text, and chunks inside one
 * stream append. The recruiter's delta stream never carries the final flag (agents-js cannot set
 * attributes when it closes a stream, see its room_io/_output.ts), so the close of a recruiter stream
 * is the end of that line; and a speaker's new segment settles their earlier ones (the speech-to-text
 * has moved on). The recruiter's deltas arrive paced to its audio (the agent's transcription
 * synchroniser), so the line grows as it is spoken. Captions show in the order their speech started.
 * Pure reducer, unit-tested.
 */

export type CaptionSpeaker = 'candidate' | 'recruiter';

export interface Caption {
  /** Segment id (`lk.segment_id`), or a local id for typed answers. */
  id: string;
  speaker: CaptionSpeaker;
  text: string;
  final: boolean;
  typed: boolean;
  /** Epoch milliseconds when the segment first appeared. */
  at: number;
}

export interface CaptionState {
  captions: Caption[];
  /** Stream id → the segment it writes and whether its first chunk replaces the segment text. */
  streams: Record<string, { segmentId: string; fresh: boolean; final: boolean; speaker: CaptionSpeaker }>;
}

export type CaptionEvent =
  | { type: 'open'; streamId: string; segmentId: string; speaker: CaptionSpeaker; final: boolean; at: number }
  | { type: 'chunk'; streamId: string; text: string }
  | { type: 'close'; streamId: string }
  | { type: 'typed'; id: string; text: string; at: number }
  | { type: 'reset' };

export const MAX_CAPTIONS = 300;

export const initialCaptions: CaptionState = { captions: [], streams: {} };

export const TRANSCRIPTION_TOPIC = 'lk.transcription';
export const ATTR_SEGMENT_ID = 'lk.segment_id';
export const ATTR_FINAL = 'lk.transcription_final';
export const ATTR_TRACK_ID = 'lk.transcribed_track_id';

export function captionsReducer(state: CaptionState, ev: CaptionEvent): CaptionState {
  switch (ev.type) {
    case 'reset':
      return initialCaptions;
    case 'open': {
      const streams = { ...state.streams, [ev.streamId]: { segmentId: ev.segmentId, fresh: true, final: ev.final, speaker: ev.speaker } };
      const exists = state.captions.some((c) => c.id === ev.segmentId);
      if (exists) return { ...state, streams };
      // A new segment from this speaker: their earlier ones are no longer drafts.
      const settled = state.captions.map((c) => (c.speaker === ev.speaker && !c.final && c.text ? { ...c, final: true } : c));
      const caption: Caption = {
        id: ev.segmentId,
        speaker: ev.speaker,
        text: '',
        final: false,
        typed: false,
        at: ev.at,
      };
      return { streams, captions: trim([...settled, caption]) };
    }
    case 'chunk': {
      const stream = state.streams[ev.streamId];
      if (!stream || !ev.text) return state;
      const captions = state.captions.map((c) => {
        if (c.id !== stream.segmentId) return c;
        return { ...c, text: stream.fresh ? ev.text : c.text + ev.text };
      });
      return { captions, streams: { ...state.streams, [ev.streamId]: { ...stream, fresh: false } } };
    }
    case 'close': {
      const stream = state.streams[ev.streamId];
      if (!stream) return state;
      const { [ev.streamId]: _closed, ...streams } = state.streams;
      const done = stream.final || stream.speaker === 'recruiter';
      const captions = done ? state.captions.map((c) => (c.id === stream.segmentId ? { ...c, final: true } : c)) : state.captions;
      return { captions, streams };
    }
    case 'typed': {
      const caption: Caption = { id: ev.id, speaker: 'candidate', text: ev.text, final: true, typed: true, at: ev.at };
      return { ...state, captions: trim([...state.captions, caption]) };
    }
  }
}

function trim(captions: Caption[]): Caption[] {
  return captions.length > MAX_CAPTIONS ? captions.slice(captions.length - MAX_CAPTIONS) : captions;
}

/**
 * Captions worth showing, in the order their speech started: empty interim segments (a stream
 * opened, nothing said yet) are hidden. The sort is stable, so captions that start together keep
 * their arrival order.
 */
export function visibleCaptions(state: CaptionState): Caption[] {
  return state.captions.filter((c) => c.text.trim().length > 0).sort((a, b) => a.at - b.at);
}
