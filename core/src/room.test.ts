import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRoomName, toRoomName } from './room.js';

describe('room names', () => {
  it('parses back the interview id it was built from', () => {
    const id = randomUUID();
    expect(toRoomName(id)).toBe(`iv_${id}`);
    expect(parseRoomName(toRoomName(id))).toBe(id);
  });

  it('answers null for names that are not interview rooms', () => {
    for (const name of ['', 'iv_', 'lobby', `xx_${randomUUID()}`, `iv_${randomUUID()}-extra`, 'iv_not-a-uuid']) {
      expect(parseRoomName(name)).toBeNull();
    }
  });
});
