/**
 * Keeps personal data out of the agent's logs. The framework logs conversational content at info
 * level in fields it marks with a `pii` segment (`lk.pii.message`: every sentence the recruiter
 * speaks, the greeting with the candidate's name; `lk.pii.transcript`, `lk.pii.user_input`, ...).
 * Its logger (pino, built inside the framework with no options for us) is extended in place: every
 * logger in the chain of the current one, and every child created from any logger from now on,
 * drops such fields before the line is written. A field is dropped whole, never masked.
 *
 * Pino's own hooks are used: the per-logger `formatters.log` (applied to every log object) and
 * `onChild` (called for every child created, inherited by all children), where a child's bindings
 * are cleaned too. Its symbols come from the framework's pino instance, so both always agree.
 */
import { createRequire } from 'node:module';
import { log } from '@livekit/agents';

interface PinoSymbols {
  formattersSym: symbol;
  chindingsSym: symbol;
}
type Formatters = { level?: unknown; bindings?: unknown; log?: (o: Record<string, unknown>) => Record<string, unknown> };
type LoggerLike = Record<PropertyKey, unknown> & { onChild?: (child: LoggerLike) => void };

const FILTERED = Symbol('mockroom.piiFiltered');

const requireHere = createRequire(import.meta.url);
const { symbols } = createRequire(requireHere.resolve('@livekit/agents'))('pino') as { symbols: PinoSymbols };

/** A field that carries personal data by the framework's convention: a `pii` segment in its name. */
export function isPersonalField(key: string): boolean {
  return key.split('.').includes('pii');
}

/** The log object without its personal fields (the same object when it has none). */
export function withoutPersonalFields(obj: Record<string, unknown>): Record<string, unknown> {
  let out = obj;
  for (const key of Object.keys(obj)) {
    if (!isPersonalField(key)) continue;
    if (out === obj) out = { ...obj };
    delete out[key];
  }
  return out;
}

/**
 * A child's bindings are serialised once, when it is made (`,"key":value,...`); the framework binds
 * some personal fields there (`lk.pii.room_name` on each job's logger). Re-serialised without them.
 */
function filterBindings(logger: LoggerLike): void {
  const chindings = logger[symbols.chindingsSym];
  if (typeof chindings !== 'string' || !chindings.includes('pii')) return;
  let bindings: Record<string, unknown>;
  try {
    bindings = JSON.parse(`{${chindings.slice(1)}}`) as Record<string, unknown>;
  } catch {
    return;
  }
  const kept = withoutPersonalFields(bindings);
  if (kept !== bindings) logger[symbols.chindingsSym] = Object.keys(kept).length > 0 ? `,${JSON.stringify(kept).slice(1, -1)}` : '';
}

function filterFormatters(logger: LoggerLike): void {
  const formatters = logger[symbols.formattersSym] as Formatters | undefined;
  if (!formatters || (formatters.log as { [FILTERED]?: boolean } | undefined)?.[FILTERED]) return;
  const previous = formatters.log;
  const filtered = Object.assign((o: Record<string, unknown>) => withoutPersonalFields(previous ? previous(o) : o), { [FILTERED]: true });
  logger[symbols.formattersSym] = { ...formatters, log: filtered };
}

function filterChildren(logger: LoggerLike): void {
  const previous = logger.onChild;
  if ((previous as { [FILTERED]?: boolean } | undefined)?.[FILTERED]) return;
  logger.onChild = Object.assign(
    (child: LoggerLike) => {
      filterFormatters(child);
      filterBindings(child);
      previous?.call(logger, child);
    },
    { [FILTERED]: true },
  );
}

/**
 * Installs the filter on a logger (by default the framework's current one) and its ancestors, so
 * it and every child created afterwards drop personal fields.
 */
export function filterPersonalDataFromLogs(logger: object = log()): void {
  for (let l = logger as LoggerLike | null; l !== null && l !== Object.prototype; l = Object.getPrototypeOf(l) as LoggerLike | null) {
    if (Object.hasOwn(l, symbols.formattersSym)) filterFormatters(l);
    if (Object.hasOwn(l, symbols.chindingsSym)) filterBindings(l);
    if (Object.hasOwn(l, 'onChild')) filterChildren(l);
  }
}

/** Where the framework keeps its process-wide logger (log_core.ts: a Symbol.for on globalThis). */
const FRAMEWORK_LOGGER_KEY = Symbol.for('@livekit/agents:logger');

/**
 * Filters every logger the framework installs in this process from now on, the moment it installs
 * it (initializeLogger in cli.runApp and in each job process, the per-job logger at a job's start),
 * before any part of the framework derives a child from it; and the one it has now, if any. Call
 * at the top of the entry module: job processes load it before they initialise their logger.
 */
export function filterFrameworkLoggers(): void {
  const g = globalThis as unknown as Record<symbol, unknown>;
  const existing = Object.getOwnPropertyDescriptor(g, FRAMEWORK_LOGGER_KEY);
  if ((existing?.set as { [FILTERED]?: boolean } | undefined)?.[FILTERED]) return;
  let current = g[FRAMEWORK_LOGGER_KEY];
  if (current && typeof current === 'object') filterPersonalDataFromLogs(current);
  const set = Object.assign(
    (logger: unknown) => {
      if (logger && typeof logger === 'object') filterPersonalDataFromLogs(logger);
      current = logger;
    },
    { [FILTERED]: true },
  );
  Object.defineProperty(g, FRAMEWORK_LOGGER_KEY, { configurable: true, enumerable: false, get: () => current, set });
}
