/**
 * Calendar arithmetic in a user's IANA time zone with Intl only (no dependency): the local day of an
 * instant, the local wall-clock time, the instant a local day starts, and the UTC ISO week.
 * Local days are 'YYYY-MM-DD' strings, compared as strings and stepped with UTC date maths (a
 * calendar day has no time zone once it is a date).
 */

const ZONE_NAME_RE = /^(UTC|[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){1,2})$/;
const MAX_ZONE_CHARS = 64;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The IANA zone name, when the runtime knows it, or null. Offsets such as "+02:00" and
 * abbreviations such as "CET" are refused: a practice day needs a zone with its DST rules.
 */
export function toValidTimeZone(input: string): string | null {
  if (input.length > MAX_ZONE_CHARS || !ZONE_NAME_RE.test(input)) return null;
  try {
    // Kept as given: runtimes disagree on canonical names (ICU versions), and any name it accepts works.
    new Intl.DateTimeFormat('en-US', { timeZone: input });
    return input;
  } catch {
    return null;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(at: Date, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day of an instant in the zone, 'YYYY-MM-DD'. */
export function localDate(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The wall-clock time of an instant in the zone, 'HH:MM' (24-hour). */
export function localTime(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** The day `n` days after `day` ('YYYY-MM-DD'). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The first instant of a local day in the zone. Two passes settle the offset on DST days; where
 * local midnight does not exist (a zone that springs forward at 00:00) it is the first instant after.
 */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`);
  let guess = wall - offsetMs(new Date(wall), timeZone);
  guess = wall - offsetMs(new Date(guess), timeZone);
  // A skipped midnight lands on the previous day: step forward to the day's first real instant.
  if (localDate(new Date(guess), timeZone) < day) guess += 3600_000;
  return new Date(guess);
}

/** Monday of the ISO week (weeks start on Monday) that holds the instant, in UTC: 'YYYY-MM-DD'. */
export function isoWeekStartUtc(at: Date): string {
  const day = at.toISOString().slice(0, 10);
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}
