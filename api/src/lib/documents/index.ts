/**
 * CV document text extraction for uploads that may be hostile. The file type comes from the
 * content signature, never the extension. Cheap refusals happen here without decompressing
 * anything: byte size, DOCX entry count, encryption flags and declared sizes (from the zip central
 * directory). Everything that inflates or parses (PDF streams, DOCX entries, pdf.js, mammoth) runs
 * in a child process (extract-pool.ts) with byte budgets on what it actually inflates, a heap cap,
 * a resident-memory watchdog and a wall-clock kill, so a malicious file cannot move the API's
 * memory or take it down. Only the text comes back: no metadata, no images, no original bytes.
 */
import { createExtractPool, type ExtractPool, type ZipEntryRange } from './extract-pool.js';
import { entryDataRange, readCentralDirectory, type ZipEntry } from './zip.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_PDF_PAGES = 30;
export const MAX_DOCX_ENTRIES = 1000;
export const MAX_DOCX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;
/**
 * Flate output a PDF may inflate to, all streams and chained filters together. A text CV holds a
 * few MB of content streams and fonts; 64 MiB also leaves room for a few PNG-style photos.
 */
export const MAX_PDF_DECODED_BYTES = 64 * 1024 * 1024;
/** Streams in one PDF; a CV has tens to hundreds. */
export const MAX_PDF_STREAMS = 20_000;
/** Text-heavy XML compresses ~10–30×; far beyond this on a large entry is a zip bomb. */
export const MAX_COMPRESSION_RATIO = 200;
/** Entries smaller than this are not judged by their compression ratio. */
const MIN_BOMB_BYTES = 1024 * 1024;
export const MAX_TEXT_CHARS = 100_000;
/** Fewer letters than this after extraction means a scanned/image-only document. */
const MIN_TEXT_LETTERS = 20;

export type DocumentErrorCode =
  | 'empty'
  | 'too_large'
  | 'too_many_pages'
  | 'unsupported_type'
  | 'encrypted'
  | 'corrupt'
  | 'no_text'
  | 'too_complex'
  | 'external_reference'
  | 'busy';

export type DocumentErrorStatus = 400 | 413 | 415 | 422 | 503;

const STATUS: Record<DocumentErrorCode, DocumentErrorStatus> = {
  empty: 400,
  too_large: 413,
  too_many_pages: 413,
  unsupported_type: 415,
  encrypted: 422,
  corrupt: 422,
  no_text: 422,
  too_complex: 422,
  external_reference: 422,
  busy: 503,
};

const MESSAGES: Record<DocumentErrorCode, string> = {
  empty: 'The file is empty.',
  too_large: `The file is too large. Upload a CV under ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
  too_many_pages: `The PDF has too many pages. Upload a CV of at most ${MAX_PDF_PAGES} pages.`,
  unsupported_type: 'Unsupported file type. Upload a PDF, a Word (.docx) document, or plain text.',
  encrypted: 'The document is password-protected. Remove the password and upload it again.',
  corrupt: 'The document could not be read; it may be damaged. Export it again and retry.',
  no_text: 'No text found in the document. It may be a scanned image; upload a text-based PDF or paste your CV.',
  too_complex: 'The document took too long or too much memory to read. Simplify it or paste your CV as text.',
  external_reference: 'The document links to external files, which are not opened. Save it without linked content and try again.',
  busy: 'Too many documents are being read right now. Try again in a minute.',
};

export class DocumentError extends Error {
  override readonly name = 'DocumentError';
  readonly status: DocumentErrorStatus;
  constructor(
    readonly code: DocumentErrorCode,
    message: string = MESSAGES[code],
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export type DocumentKind = 'pdf' | 'docx' | 'text';

const MIME: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  text: 'text/plain',
};

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

const PDF_SIG = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_SIG = [0x50, 0x4b, 0x03, 0x04];

/** pdf.js accepts a header within the first 1024 bytes, as the PDF spec's implementation notes allow. */
function findPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_SIG.length, 1024);
  for (let i = 0; i <= end; i++) if (startsWith(bytes, PDF_SIG, i)) return true;
  return false;
}

export function sniffKind(bytes: Uint8Array): DocumentKind | null {
  if (findPdfHeader(bytes)) return 'pdf';
  if (startsWith(bytes, ZIP_SIG)) return 'docx';
  if (decodeText(bytes) !== null) return 'text';
  return null;
}

function decodeText(bytes: Uint8Array): string | null {
  let body = bytes;
  if (startsWith(body, [0xef, 0xbb, 0xbf])) body = body.subarray(3);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    // NUL and most C0 controls do not occur in text files; they mark binaries renamed to .txt.
    const controls = text.match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
    if (text.includes('\u0000') || (controls > 8 && controls > text.length / 100)) return null;
    return text;
  } catch {
    return null;
  }
}

/** Whitespace collapsed, control and zero-width characters stripped, capped at MAX_TEXT_CHARS. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, MAX_TEXT_CHARS);
}

const EXPANDS_TOO_FAR = 'The document expands to far more data than a CV; it was not opened.';

/**
 * Central-directory checks (nothing inflated) and the data range of every entry, for the child,
 * which inflates them against a budget on the bytes actually produced.
 */
function checkDocx(bytes: Uint8Array): ZipEntryRange[] {
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes, MAX_DOCX_ENTRIES);
  } catch (err) {
    if (err instanceof RangeError) throw new DocumentError('too_large', 'The document contains too many parts to be a CV.');
    throw new DocumentError('corrupt');
  }
  let total = 0;
  for (const e of entries) {
    // Bit 0 of the general-purpose flags marks an encrypted entry (APPNOTE 4.4.4).
    if (e.flags & 1) throw new DocumentError('encrypted');
    total += e.uncompressedSize;
    const bomb = e.uncompressedSize > MIN_BOMB_BYTES && e.uncompressedSize / Math.max(1, e.compressedSize) > MAX_COMPRESSION_RATIO;
    if (bomb || total > MAX_DOCX_UNCOMPRESSED_BYTES) throw new DocumentError('too_large', EXPANDS_TOO_FAR);
  }
  // An encrypted Word file is an OLE container, not a zip; a zip without the main part is not DOCX.
  if (!entries.some((e) => e.name === 'word/document.xml')) throw new DocumentError('unsupported_type');
  try {
    return entries.map((e) => ({ name: e.name, method: e.method, ...entryDataRange(bytes, e) }));
  } catch {
    throw new DocumentError('corrupt');
  }
}

let defaultPool: ExtractPool | null = null;

/** The process's extraction pool, created on first use (tests pass their own through options). */
function getDefaultPool(): ExtractPool {
  defaultPool ??= createExtractPool();
  return defaultPool;
}

export interface ExtractOptions {
  /** Defaults to one pool per process, sized to the machine. */
  pool?: ExtractPool;
}

export async function extractDocument(bytes: Uint8Array, fileName: string, options: ExtractOptions = {}): Promise<{ text: string; mimeType: string }> {
  if (bytes.byteLength === 0) throw new DocumentError('empty');
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new DocumentError('too_large');
  const kind = sniffKind(bytes);
  if (!kind) throw new DocumentError('unsupported_type');

  let raw: string;
  if (kind === 'text') {
    raw = decodeText(bytes) ?? '';
  } else {
    const entries = kind === 'docx' ? checkDocx(bytes) : undefined;
    const pool = options.pool ?? getDefaultPool();
    const result = await pool.run({
      kind,
      bytes,
      ...(entries ? { entries } : {}),
      limits: {
        maxPages: MAX_PDF_PAGES,
        maxDecodedBytes: kind === 'pdf' ? MAX_PDF_DECODED_BYTES : MAX_DOCX_UNCOMPRESSED_BYTES,
        maxStreams: MAX_PDF_STREAMS,
        maxCompressionRatio: MAX_COMPRESSION_RATIO,
        minBombBytes: MIN_BOMB_BYTES,
      },
    });
    if ('error' in result) throw new DocumentError(result.error, result.error === 'too_large' ? EXPANDS_TOO_FAR : undefined);
    raw = result.text;
  }
  const text = normaliseText(raw);
  if ((text.match(/\p{L}/gu)?.length ?? 0) < MIN_TEXT_LETTERS) {
    throw new DocumentError(kind === 'text' ? 'empty' : 'no_text', kind === 'text' ? 'The file has no readable text.' : undefined);
  }
  const mimeType = kind === 'text' && /\.(md|markdown)$/i.test(fileName) ? 'text/markdown' : MIME[kind];
  return { text, mimeType };
}
