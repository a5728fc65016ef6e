import { describe, expect, it } from 'vitest';
import { afterAgentLeft, afterDisconnect, AUTO_REJOINS, controlsEnabled, endNotice } from './call-state.js';

const lost = { byUser: false, interviewOver: false, cause: 'other' as const, autoRejoinsUsed: 0 };

describe('afterDisconnect', () => {
  it('rejoins by itself once when the connection is lost, then offers the Rejoin button', () => {
    expect(AUTO_REJOINS).toBe(1);
    expect(afterDisconnect(lost)).toBe('auto-rejoin');
    expect(afterDisconnect({ ...lost, autoRejoinsUsed: 1 })).toBe('failed');
  });

  it('treats a disconnect the candidate asked for as the end, not a failure', () => {
    expect(afterDisconnect({ ...lost, byUser: true })).toBe('ended');
    expect(afterDisconnect({ ...lost, cause: 'client' })).toBe('ended');
  });

  it('treats the end of the interview as the end, whatever the disconnect reason', () => {
    expect(afterDisconnect({ ...lost, interviewOver: true })).toBe('ended');
    expect(afterDisconnect({ ...lost, cause: 'room-deleted' })).toBe('ended');
  });

  it('does not fight another tab that took the call over', () => {
    expect(afterDisconnect({ ...lost, cause: 'duplicate-identity' })).toBe('replaced');
  });
});

describe('afterAgentLeft', () => {
  it('ends the call when the API says the interview has ended', () => {
    expect(afterAgentLeft('ended')).toBe('ended');
    expect(afterAgentLeft('failed')).toBe('ended');
  });

  it('keeps waiting when the interview is still open or its state is unknown', () => {
    expect(afterAgentLeft('live')).toBe('wait');
    expect(afterAgentLeft('scheduled')).toBe('wait');
    expect(afterAgentLeft(null)).toBe('wait');
  });
});

describe('endNotice', () => {
  it('tells the end plainly for each reason', () => {
    expect(endNotice('completed')).toMatch(/said goodbye/);
    expect(endNotice('time_box')).toMatch(/Time is up/);
    expect(endNotice('candidate_ended')).toMatch(/You ended the interview/);
    expect(endNotice('candidate_left')).toMatch(/did not come back/);
    expect(endNotice(null)).toBe('This interview has ended.');
    for (const r of ['completed', 'time_box', 'candidate_ended', 'candidate_left', 'error', null] as const) expect(endNotice(r)).not.toMatch(/could not|failed|lost/i);
  });
});

describe('controlsEnabled', () => {
  it('disables Mute, End and the typed answer once the call has ended', () => {
    expect(controlsEnabled('ended')).toEqual({ mute: false, end: false, typed: false });
  });

  it('keeps End available while reconnecting, but not typing', () => {
    expect(controlsEnabled('reconnecting')).toEqual({ mute: true, end: true, typed: false });
    expect(controlsEnabled('live')).toEqual({ mute: true, end: true, typed: true });
  });
});
