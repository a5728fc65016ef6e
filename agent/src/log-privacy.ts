/**
 * Keeps personal data out of the agent's logs. The framework logs conversational content at info
 * level in fields it marks with a `pii` segment (`lk.pii.message`: every sentence the recruiter
 * speaks, the greeting with the candidate's name; `lk.pii.transcript`, `lk.pii.user_input`, ...).
 * Its logger (pino, built inside the framework with no options for us) is extended in place: every
 * logger in the chain of the current one, and every child created from any logger from now on,
 * drops such fields before the line is written. A field is dropped whole, never masked.
 *
 * Pino's own hooks are used: the per-logger `formatters.log` (applied to every log object) and
 * `onChild` (called for every child created, inherited by all children). Its symbols come from the
 * framework's pino instance, so both always agree.
 */
import { createRequire } from 'node:module';
import { log } from '@livekit/agents';

interface PinoSymbols {
  formattersSym: symbol;
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
      previous?.call(logger, child);
    },
    { [FILTERED]: true },
  );
}

/**
 * Installs the filter on the framework's current logger and its ancestors. Call it once the
 * framework has initialised its logger in this process (the worker after cli.runApp, a job process
 * in prewarm and again at the job's start, where the framework installs a per-job logger).
 */
export function filterPersonalDataFromLogs(logger: object = log()): void {
  for (let l = logger as LoggerLike | null; l !== null && l !== Object.prototype; l = Object.getPrototypeOf(l) as LoggerLike | null) {
    if (Object.hasOwn(l, symbols.formattersSym)) filterFormatters(l);
    if (Object.hasOwn(l, 'onChild')) filterChildren(l);
  }
}
