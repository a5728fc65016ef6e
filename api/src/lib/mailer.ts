/**
 * Email behind one interface: Resend when RESEND_API_KEY is set, otherwise the outbox table plus a
 * log line (no address, no content in the log); /api/dev/outbox lists the outbox in development.
 */
import type { MockroomDb } from '@mockroom/db/client';
import { outboxEmails } from '@mockroom/db/schema';
import type { Logger } from './logger.js';

export interface Email {
  to: string;
  subject: string;
  text: string;
  /** Owner, so deleting the account deletes their mail. */
  userId?: string;
  /** Extra message headers (e.g. List-Unsubscribe); Resend sends them, the outbox keeps only subject and text. */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(email: Email): Promise<void>;
}

export class MailerError extends Error {
  override readonly name = 'MailerError';
}

export function createOutboxMailer(db: MockroomDb, logger: Logger): Mailer {
  return {
    async send(email) {
      const [row] = await db.asWorker((tx) =>
        tx
          .insert(outboxEmails)
          .values({ to: email.to, subject: email.subject, text: email.text, userId: email.userId ?? null })
          .returning({ id: outboxEmails.id }),
      );
      logger.info({ outboxId: row?.id }, 'email written to outbox');
    },
  };
}

export function createResendMailer(options: { apiKey: string; from: string; baseUrl?: string; fetch?: typeof fetch }, logger: Logger): Mailer {
  const baseUrl = options.baseUrl ?? 'https://api.resend.com';
  const doFetch = options.fetch ?? fetch;
  return {
    async send(email) {
      const res = await doFetch(`${baseUrl}/emails`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from: options.from, to: [email.to], subject: email.subject, text: email.text, ...(email.headers ? { headers: email.headers } : {}) }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) {
        logger.warn({ status: res.status }, 'email provider refused a message');
        throw new MailerError(`email provider answered ${res.status}`);
      }
    },
  };
}
