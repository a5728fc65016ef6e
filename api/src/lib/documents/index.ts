/**
 * CV document text extraction for uploads that may be hostile. The file type comes from the
 * content signature, never the extension. Limits are checked before any parsing: byte size,
 * DOCX entry count and declared uncompressed size (from the zip central directory, before
 * inflating), and PDF page count. PDF/DOCX parsing runs in a worker thread with memory limits and
 * a timeout, and the worker is killed on timeout, so a malicious file cannot take the API down.
 * Only the text comes back: no metadata, no images, no original bytes.
 */
import { Worker } from 'node:worker_threads';
import { readCentralDirectory, readEntry, ZipFormatError, type ZipEntry } from './zip.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_PDF_PAGES = 30;
export const MAX_DOCX_ENTRIES = 1000;
export const MAX_DOCX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;
/** Text-heavy XML compresses ~10–30×; far beyond this on a large entry is a zip bomb. */
export const MAX_COMPRESSION_RATIO = 200;
export const MAX_TEXT_CHARS = 100_000;
export const EXTRACT_TIMEOUT_MS = 15_000;
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 48, codeRangeSizeMb: 64, stackSizeMb: 4 };
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
  | 'external_reference';

const STATUS: Record<DocumentErrorCode, 400 | 413 | 415 | 422> = {
  empty: 400,
  too_large: 413,
  too_many_pages: 413,
  unsupported_type: 415,
  encrypted: 422,
  corrupt: 422,
  no_text: 422,
  too_complex: 422,
  external_reference: 422,
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
};

export class DocumentError extends Error {
  override readonly name = 'DocumentError';
  readonly status: 400 | 413 | 415 | 422;
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

/** Relationship types whose external targets are links a reader clicks, not content Word loads. */
const HYPERLINK_REL = /relationships\/hyperlink$/;

function checkDocx(bytes: Uint8Array): void {
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
    const bomb = e.uncompressedSize > 1024 * 1024 && e.uncompressedSize / Math.max(1, e.compressedSize) > MAX_COMPRESSION_RATIO;
    if (bomb || total > MAX_DOCX_UNCOMPRESSED_BYTES) {
      throw new DocumentError('too_large', 'The document expands to far more data than a CV; it was not opened.');
    }
  }
  const names = new Set(entries.map((e) => e.name));
  // An encrypted Word file is an OLE container, not a zip; a zip without the main part is not DOCX.
  if (!names.has('word/document.xml')) throw new DocumentError('unsupported_type');
  const rels = entries.find((e) => e.name === 'word/_rels/document.xml.rels');
  if (rels) {
    let xml: string;
    try {
      xml = new TextDecoder().decode(readEntry(bytes, rels, 1024 * 1024));
    } catch (err) {
      if (err instanceof ZipFormatError) throw new DocumentError('corrupt');
      throw new DocumentError('too_large', 'The document expands to far more data than a CV; it was not opened.');
    }
    for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
      const tag = m[0];
      if (!/TargetMode\s*=\s*"External"/i.test(tag)) continue;
      const type = /Type\s*=\s*"([^"]*)"/.exec(tag)?.[1] ?? '';
      if (!HYPERLINK_REL.test(type)) throw new DocumentError('external_reference');
    }
  }
}

type WorkerResult = { text: string } | { error: DocumentErrorCode; pages?: number };

function runWorker(kind: 'pdf' | 'docx', bytes: Uint8Array, timeoutMs: number): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const copy = new Uint8Array(bytes);
    const worker = new Worker(new URL('./extract-worker.mjs', import.meta.url), {
      workerData: { kind, bytes: copy, maxPages: MAX_PDF_PAGES },
      transferList: [copy.buffer],
      resourceLimits: WORKER_LIMITS,
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new DocumentError('too_complex'))), timeoutMs);
    worker.once('message', (msg: WorkerResult) => finish(() => resolve(msg)));
    // ERR_WORKER_OUT_OF_MEMORY and crashes inside the parser both land here.
    worker.once('error', () => finish(() => reject(new DocumentError('too_complex'))));
    worker.once('exit', () => finish(() => reject(new DocumentError('corrupt'))));
  });
}

export interface ExtractOptions {
  timeoutMs?: number;
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
    if (kind === 'docx') checkDocx(bytes);
    const result = await runWorker(kind, bytes, options.timeoutMs ?? EXTRACT_TIMEOUT_MS);
    if ('error' in result) throw new DocumentError(result.error);
    raw = result.text;
  }
  const text = normaliseText(raw);
  if ((text.match(/\p{L}/gu)?.length ?? 0) < MIN_TEXT_LETTERS) {
    throw new DocumentError(kind === 'text' ? 'empty' : 'no_text', kind === 'text' ? 'The file has no readable text.' : undefined);
  }
  const mimeType = kind === 'text' && /\.(md|markdown)$/i.test(fileName) ? 'text/markdown' : MIME[kind];
  return { text, mimeType };
}
