/**
 * LiveKit room names: one room per interview, named after its id. Built here for the token and
 * the interview row, parsed back here for webhooks; nothing else knows the format.
 */
const ROOM_PREFIX = 'iv_';
/** An interview id is a uuid (lower-case, as Postgres and crypto.randomUUID print it). */
const ROOM_RE = /^iv_([0-9a-f-]{36})$/;

export function toRoomName(interviewId: string): string {
  return `${ROOM_PREFIX}${interviewId}`;
}

/** The interview id of an interview room, or null for any other name. */
export function parseRoomName(name: string): string | null {
  return ROOM_RE.exec(name)?.[1] ?? null;
}
