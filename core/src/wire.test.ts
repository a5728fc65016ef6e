import { describe, expect, it } from 'vitest';
import { TurnInput } from './wire.js';

const turn = {
  turnId: 'job-1',
  sequence: 0,
  speaker: 'candidate',
  text: 'I led the migration',
  startedAt: '2026-11-24T10:00:00.000Z',
  endedAt: '2026-11-24T10:00:05.000Z',
};

describe('TurnInput', () => {
  it('drops NUL characters from the text and keeps the rest', () => {
    expect(TurnInput.parse({ ...turn, text: 'I led\u0000 the migration' }).text).toBe('I led the migration');
  });

  it('refuses a question id with a NUL character', () => {
    expect(TurnInput.safeParse({ ...turn, questionId: 'q\u00001' }).success).toBe(false);
    expect(TurnInput.parse({ ...turn, questionId: 'q1' }).questionId).toBe('q1');
  });
});
