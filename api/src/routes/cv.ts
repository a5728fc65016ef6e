/**
 * The CV: one per user, text only (the uploaded file is parsed in memory and dropped); a new one
 * replaces it, deleting it removes the text and summary.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { Cv } from '@mockroom/core/api-shapes';
import { CvTextInput, INPUT_LIMITS } from '@mockroom/core/input-rules';
import { cvs } from '@mockroom/db/schema';
import { requireUser } from '../auth/guard.js';
import { hit, retryAfterSeconds, type Limit } from '../auth/rate-limit.js';
import { DocumentError, extractDocument } from '../lib/documents/index.js';
import { ApiError, RateLimitedError } from '../lib/errors.js';
import { recordEvent } from '../lib/events.js';
import { createRouter, errorResponses, json } from '../lib/openapi.js';

export const MAX_CV_BYTES = INPUT_LIMITS.cvUploadBytes;
const MAX_CV_TEXT_CHARS = INPUT_LIMITS.cvText;

/**
 * File uploads per user: each one costs a child process for up to seconds, so a signed-in user
 * cannot keep the extraction pool busy for everyone. A person retrying a few exports of their CV
 * stays far below it. Pasted text is cheap and not counted.
 */
export const CV_UPLOADS_PER_USER: Limit = { name: 'cv-upload-user', max: 10, windowMs: 10 * 60_000 };
/** Retry-After for a 503 while the extraction pool is full. */
const BUSY_RETRY_AFTER_S = 30;

const CvSchema = Cv.openapi('Cv');

/**
 * A file name as shown back to its owner: control and bidi-override characters dropped (a NUL
 * cannot be stored in Postgres text, and an RLO can disguise an extension), at most 200 characters.
 */
function cleanFileName(name: string, fallback: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 200);
  return clean || fallback;
}

function summarize(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= 280 ? clean : `${clean.slice(0, 277).trimEnd()}…`;
}

function toCv(row: typeof cvs.$inferSelect): Cv {
  return { fileName: row.fileName, mimeType: row.mimeType, sizeBytes: row.sizeBytes, text: row.text, summary: row.summary, updatedAt: row.updatedAt.toISOString() };
}

export function createCvRoutes() {
  return createRouter()
    .openapi(createRoute({ method: 'get', path: '/', responses: { 200: json(z.object({ cv: CvSchema.nullable() })), ...errorResponses } }), async (c) => {
      const { user } = requireUser(c);
      const [row] = await c.var.services.db.asUser(user.id, (tx) => tx.select().from(cvs));
      return c.json({ cv: row ? toCv(row) : null }, 200);
    })
    .openapi(
      createRoute({
        method: 'put',
        path: '/',
        description: 'multipart `file` (PDF, DOCX, TXT, MD) or JSON `{ text, fileName? }`; replaces the CV',
        request: {
          body: {
            content: {
              'application/json': { schema: CvTextInput },
              'multipart/form-data': { schema: z.object({ file: z.any() }) },
            },
          },
        },
        responses: {
          200: json(z.object({ cv: CvSchema })),
          ...errorResponses,
          413: errorResponses[400],
          415: errorResponses[400],
          422: errorResponses[400],
          503: { ...errorResponses[400], description: 'too many documents being read; retry later' },
        },
      }),
      async (c) => {
        const { user } = requireUser(c);
        const s = c.var.services;
        let fileName: string;
        let mimeType: string;
        let sizeBytes: number;
        let text: string;
        const type = c.req.header('content-type') ?? '';
        if (type.startsWith('multipart/form-data')) {
          // Counted before the body is read, so refused attempts (bombs included) count too.
          if ((await hit(s.db, CV_UPLOADS_PER_USER, user.id, s.now())) > CV_UPLOADS_PER_USER.max) {
            const limited = new RateLimitedError(retryAfterSeconds(CV_UPLOADS_PER_USER, s.now()));
            limited.message = `Too many CV uploads: at most ${CV_UPLOADS_PER_USER.max} files every ${CV_UPLOADS_PER_USER.windowMs / 60_000} minutes. Wait a few minutes, or paste your CV as text.`;
            throw limited;
          }
          const form = await c.req.parseBody();
          const file = form.file;
          if (!(file instanceof File)) throw new ApiError(400, 'invalid_input', 'file: expected a file');
          if (file.size > MAX_CV_BYTES) throw new ApiError(413, 'file_too_large', 'the file is larger than 10 MiB');
          const bytes = new Uint8Array(await file.arrayBuffer());
          try {
            const doc = await extractDocument(bytes, file.name);
            text = doc.text;
            mimeType = doc.mimeType;
          } catch (error) {
            if (error instanceof DocumentError) {
              if (error.status === 503) c.header('retry-after', String(BUSY_RETRY_AFTER_S));
              throw new ApiError(error.status, error.code, error.message);
            }
            throw error;
          }
          fileName = cleanFileName(file.name, 'upload');
          sizeBytes = file.size;
        } else {
          const body = (c.req.valid as (t: 'json') => { text: string; fileName?: string })('json');
          // Postgres text cannot hold NUL; uploaded files get the same cleaning in extraction.
          text = body.text.replace(/\u0000/g, '');
          fileName = cleanFileName(body.fileName ?? '', 'pasted.txt');
          mimeType = 'text/plain';
          sizeBytes = new TextEncoder().encode(text).length;
        }
        text = text.trim().slice(0, MAX_CV_TEXT_CHARS);
        if (!text) throw new ApiError(422, 'empty_document', 'no text could be read from this document');
        const values = { fileName, mimeType, sizeBytes, text, summary: summarize(text), updatedAt: s.now() };
        const [row] = await s.db.asUser(user.id, (tx) =>
          tx.insert(cvs).values({ userId: user.id, ...values }).onConflictDoUpdate({ target: cvs.userId, set: values }).returning(),
        );
        await recordEvent(s, 'cv_saved');
        return c.json({ cv: toCv(row!) }, 200);
      },
    )
    .openapi(createRoute({ method: 'delete', path: '/', responses: { 204: { description: 'deleted' }, ...errorResponses } }), async (c) => {
      const { user } = requireUser(c);
      // The text and summary go now. Interviews keep the snapshot they were built from (their
      // dossier) until the interview itself is deleted; the CV page says so.
      const gone = await c.var.services.db.asUser(user.id, (tx) => tx.delete(cvs).returning({ userId: cvs.userId }));
      if (gone.length > 0) await recordEvent(c.var.services, 'cv_deleted');
      return c.body(null, 204);
    });
}
