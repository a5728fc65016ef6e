/**
 * The call's decisions about connection loss and the end of the interview, as pure functions so
 * they are tested without a room: what a disconnect means (an end, one automatic rejoin with a
 * fresh token, or a Rejoin button), what the recruiter leaving means (the end of the interview, or
 * a recruiter who dropped out of a call that is still open), and how the end is told to the
 * candidate. interview-call.ts applies them to livekit-client's events.
 */
import type { EndReason, InterviewStatus } from '@mockroom/core';

/** Full rejoins (fresh token, new connection) tried on their own before the Rejoin button shows. */
export const AUTO_REJOINS = 1;

/** Why livekit-client said the room disconnected, reduced to what the call decides on. */
export type DisconnectCause = 'client' | 'room-deleted' | 'duplicate-identity' | 'other';

export type DisconnectOutcome = 'ended' | 'auto-rejoin' | 'failed' | 'replaced';

/**
 * After a disconnect that livekit-client's own reconnection could not avoid (or did not try).
 * A disconnect the candidate asked for (End, leaving the page) or the interview's end is an end;
 * another tab taking the call over is not retried (the two tabs would take it from each other);
 * anything else is network or server trouble: rejoin once by itself, then offer the button.
 */
export function afterDisconnect(input: { byUser: boolean; interviewOver: boolean; cause: DisconnectCause; autoRejoinsUsed: number }): DisconnectOutcome {
  if (input.byUser || input.interviewOver) return 'ended';
  if (input.cause === 'client' || input.cause === 'room-deleted') return 'ended';
  if (input.cause === 'duplicate-identity') return 'replaced';
  return input.autoRejoinsUsed < AUTO_REJOINS ? 'auto-rejoin' : 'failed';
}

/** The recruiter left the room: the interview is over only if the API says so. */
export function afterAgentLeft(status: InterviewStatus | null): 'ended' | 'wait' {
  return status === 'ended' || status === 'failed' ? 'ended' : 'wait';
}

/** How the end of the interview is told: a plain statement, not an error. */
export function endNotice(reason: EndReason | null): string {
  switch (reason) {
    case 'completed':
      return 'The interview is over — the recruiter has said goodbye. Your report is being prepared.';
    case 'time_box':
      return 'Time is up, so the interview has ended. Your report is being prepared.';
    case 'candidate_ended':
      return 'You ended the interview. Your report covers the answers you gave.';
    case 'candidate_left':
      return 'This interview ended because you did not come back to the call in time. Your report covers the answers you gave.';
    case 'error':
      return 'This interview ended because of a problem on our side. Your report covers the answers you gave.';
    default:
      return 'This interview has ended.';
  }
}

/** Which controls do something in this phase: none once the call has ended. */
export function controlsEnabled(phase: string): { mute: boolean; end: boolean; typed: boolean } {
  const over = phase === 'ended';
  return {
    mute: !over && phase !== 'failed',
    end: !over,
    typed: phase === 'live' || phase === 'waiting-agent',
  };
}
