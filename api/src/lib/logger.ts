/**
 * Structured logs: a static message, data in fields. Personal data (emails, names, CVs, JDs,
 * transcripts), session ids and tokens never go in; the redaction below is a second line of defence.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: {
        paths: ['email', 'password', 'token', 'cookie', 'authorization', '*.email', '*.password', '*.token', 'req.headers.cookie', 'req.headers.authorization'],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}

/** Removes secrets LiveKit clients put in query strings (access_token) before a URL is logged. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:access_token|token|code)=)[^&#]*/gi, '$1[redacted]');
}
