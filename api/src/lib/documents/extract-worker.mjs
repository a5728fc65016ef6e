// Child-process entry for PDF/DOCX text extraction (forked by extract-pool.ts, one process per
// document). A separate process, not a worker thread: a thread's resourceLimits bound only the V8
// heap, while inflated streams live in ArrayBuffers outside it, so a 1 MB upload could still grow
// the API to gigabytes. Here the parent bounds this whole process (RSS watchdog, wall-clock kill),
// and this file adds byte budgets on what it inflates, counted on the bytes actually produced
// (never on sizes a file declares), so a bomb is refused after a few megabytes of work.
// Plain ESM JavaScript so plain node runs it with no TypeScript loader, under tsx, vitest or prod.
import { constants, inflateRawSync, inflateSync } from 'node:zlib';

class BudgetError extends Error {}

/**
 * Inflates `data` (zlib or raw deflate) and returns the output, throwing BudgetError once it would
 * exceed `budget.left` bytes. Truncated input yields what it holds, as pdf.js and JSZip read it.
 * Returns null for data that is not valid deflate (the parser decides what that means).
 */
function inflateWithin(data, raw, budget) {
  const options = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, budget.left) };
  let out;
  try {
    out = raw ? inflateRawSync(data, options) : inflateSync(data, options);
  } catch (err) {
    if (err && err.code === 'ERR_BUFFER_TOO_LARGE') throw new BudgetError();
    return null;
  }
  if (out.length > budget.left) throw new BudgetError();
  budget.left -= out.length;
  return out;
}

// ---------- PDF ----------

const enc = new TextEncoder();
const STREAM = enc.encode('stream');
const ENDSTREAM = enc.encode('endstream');

function indexOf(hay, needle, from) {
  const first = needle[0];
  for (let i = hay.indexOf(first, from); i !== -1 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    let ok = true;
    for (let k = 1; k < needle.length; k++) {
      if (hay[i + k] !== needle[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return i;
  }
  return -1;
}

const isSpace = (b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;

/** The `<< … >>` dictionary that ends just before `end` (exclusive), or '' when there is none. */
function dictBefore(bytes, end) {
  let i = end - 1;
  while (i >= 0 && isSpace(bytes[i])) i--;
  if (i < 1 || bytes[i] !== 0x3e || bytes[i - 1] !== 0x3e) return '';
  let depth = 0;
  const stop = Math.max(0, i - 64 * 1024);
  for (let j = i; j > stop; j--) {
    if (bytes[j] === 0x3e && bytes[j - 1] === 0x3e) {
      depth++;
      j--;
    } else if (bytes[j] === 0x3c && bytes[j - 1] === 0x3c) {
      depth--;
      j--;
      if (depth === 0) return Buffer.from(bytes.subarray(j, i + 1)).toString('latin1');
    }
  }
  return '';
}

/** Filter names of a stream dictionary, outermost first; null when given indirectly. */
function filtersOf(dict) {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[^\s/[\]<>()]+|\d+\s+\d+\s+R)/.exec(dict);
  if (!m) return [];
  if (/R$/.test(m[1])) return null;
  return [...m[1].matchAll(/\/([^\s/[\]<>()]+)/g)].map((x) => x[1]);
}

/** Takes `n` bytes from the budget, or throws BudgetError. */
function spend(budget, n) {
  if (n > budget.left) throw new BudgetError();
  budget.left -= n;
}

const HEX = (b) => (b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 0x37 : b >= 0x61 && b <= 0x66 ? b - 0x57 : -1);

/** ASCIIHexDecode (PDF 32000-1 §7.4.2): at most half the input. */
function asciiHex(data, budget) {
  const out = Buffer.allocUnsafe(Math.ceil(data.length / 2));
  let n = 0;
  let hi = -1;
  for (const b of data) {
    if (b === 0x3e) break;
    const v = HEX(b);
    if (v < 0) continue;
    if (hi < 0) hi = v;
    else {
      out[n++] = (hi << 4) | v;
      hi = -1;
    }
  }
  if (hi >= 0) out[n++] = hi << 4;
  spend(budget, n);
  return out.subarray(0, n);
}

/** ASCII85Decode (§7.4.3): 'z' stands for four zero bytes, so up to 4× the input. Sized first, then written once. */
function ascii85(data, budget) {
  let end = data.indexOf(0x7e);
  if (end === -1) end = data.length;
  let max = 0;
  for (let i = 0; i < end; i++) max += data[i] === 0x7a ? 4 : 1;
  spend(budget, max);
  const out = Buffer.alloc(max);
  let n = 0;
  let v = 0;
  let count = 0;
  for (let i = 0; i < end; i++) {
    const b = data[i];
    if (b === 0x7a && count === 0) {
      n += 4;
      continue;
    }
    if (b < 0x21 || b > 0x75) continue;
    v = v * 85 + (b - 0x21);
    if (++count === 5) {
      out.writeUInt32BE(v >>> 0, n);
      n += 4;
      v = 0;
      count = 0;
    }
  }
  if (count > 1) {
    for (let k = count; k < 5; k++) v = v * 85 + 84;
    const last = Buffer.alloc(4);
    last.writeUInt32BE(v >>> 0, 0);
    last.copy(out, n, 0, count - 1);
    n += count - 1;
  }
  return out.subarray(0, n);
}

/** RunLengthDecode (§7.4.5): a two-byte record can expand to 128 bytes. Sized first, then written once. */
function runLength(data, budget) {
  let size = 0;
  for (let i = 0; i < data.length; ) {
    const len = data[i++];
    if (len === 128) break;
    if (len < 128) {
      size += Math.min(len + 1, data.length - i);
      i += len + 1;
    } else if (i++ < data.length) size += 257 - len;
  }
  spend(budget, size);
  const out = Buffer.alloc(size);
  let n = 0;
  for (let i = 0; i < data.length && n < size; ) {
    const len = data[i++];
    if (len === 128) break;
    if (len < 128) {
      const run = data.subarray(i, Math.min(i + len + 1, data.length));
      out.set(run, n);
      n += run.length;
      i += len + 1;
    } else if (i < data.length) {
      out.fill(data[i++], n, n + 257 - len);
      n += 257 - len;
    }
  }
  return out;
}

/** One filter stage within the budget; null where this check cannot decode it (the process limits still hold). */
function decodeStage(name, data, budget) {
  switch (name) {
    case 'FlateDecode':
    case 'Fl':
      return inflateWithin(data, false, budget);
    case 'ASCIIHexDecode':
    case 'AHx':
      return asciiHex(data, budget);
    case 'ASCII85Decode':
    case 'A85':
      return ascii85(data, budget);
    case 'RunLengthDecode':
    case 'RL':
      return runLength(data, budget);
    default:
      return null;
  }
}

const looksZlib = (d) => d.length >= 2 && (d[0] & 0x0f) === 8 && ((d[0] << 8) | d[1]) % 31 === 0;

/**
 * Walks every stream in the file (object streams included: they are streams too) and decodes its
 * Flate, ASCIIHex, ASCII85 and RunLength stages, chained ones included, against one budget for
 * the whole document. pdf.js would decode the same data into growing buffers, which is what the
 * probe's 400 MB bomb did. Other filters (LZW, image codecs) are left to the process limits.
 */
function checkPdfStreams(bytes, limits) {
  const budget = { left: limits.maxDecodedBytes };
  let count = 0;
  for (let at = indexOf(bytes, STREAM, 0); at !== -1; at = indexOf(bytes, STREAM, at + STREAM.length)) {
    // Skip the "stream" inside "endstream".
    if (at >= 3 && bytes[at - 3] === 0x65 && bytes[at - 2] === 0x6e && bytes[at - 1] === 0x64) continue;
    let start = at + STREAM.length;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    if (start === at + STREAM.length) continue;
    if (++count > limits.maxStreams) return 'too_complex';
    let end = indexOf(bytes, ENDSTREAM, start);
    if (end === -1) end = bytes.length;
    const dict = dictBefore(bytes, at);
    let filters = filtersOf(dict);
    let data = bytes.subarray(start, end);
    // An indirect /Filter cannot be resolved here; zlib data is inflated anyway.
    if (filters === null) filters = looksZlib(data) ? ['FlateDecode'] : [];
    for (const f of filters) {
      const out = decodeStage(f, data, budget);
      if (!out) break;
      data = out;
    }
  }
  return null;
}

async function extractPdf(bytes, limits) {
  try {
    const refusal = checkPdfStreams(bytes, limits);
    if (refusal) return { error: refusal };
  } catch (err) {
    if (err instanceof BudgetError) return { error: 'too_large' };
    throw err;
  }
  const { getDocumentProxy } = await import('unpdf');
  let pdf;
  try {
    // isEvalSupported: false closes CVE-2024-4367's code path; fonts are never turned into code.
    pdf = await getDocumentProxy(bytes, {
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
      verbosity: 0,
    });
  } catch (err) {
    const name = err && typeof err === 'object' ? err.name : '';
    if (name === 'PasswordException') return { error: 'encrypted' };
    return { error: 'corrupt' };
  }
  try {
    if (pdf.numPages > limits.maxPages) return { error: 'too_many_pages', pages: pdf.numPages };
    const pages = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      const content = await page.getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
    }
    return { text: pages.join('\n\n') };
  } catch {
    return { error: 'corrupt' };
  } finally {
    await pdf.loadingTask.destroy().catch(() => {});
  }
}

// ---------- DOCX ----------

/** Relationship types whose external targets are links a reader clicks, not content Word loads. */
const HYPERLINK_REL = /relationships\/hyperlink$/;

function attr(tag, name) {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2]) : null;
}

/** A relationship part that makes Word load something from outside the file (a template, an image, an OLE link). */
export function hasExternalContent(relsXml) {
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    if ((attr(m[0], 'TargetMode') ?? '').toLowerCase() !== 'external') continue;
    if (!HYPERLINK_REL.test(attr(m[0], 'Type') ?? '')) return true;
  }
  return false;
}

/**
 * Inflates every entry the parent located (name, method, data range from the central directory)
 * against one budget, counting the bytes really produced: the directory's sizes are only claims,
 * and JSZip inside mammoth would inflate whatever the data holds. Then checks each relationship
 * part for external content, and only then hands the file to mammoth.
 */
function checkDocxEntries(bytes, entries, limits) {
  const budget = { left: limits.maxDecodedBytes };
  for (const e of entries) {
    const data = bytes.subarray(e.start, e.end);
    let out;
    if (e.method === 0) {
      if (data.length > budget.left) return { error: 'too_large' };
      budget.left -= data.length;
      out = data;
    } else if (e.method === 8) {
      const before = budget.left;
      out = inflateWithin(data, true, budget);
      if (!out) return { error: 'corrupt' };
      const ratio = out.length / Math.max(1, data.length);
      if (before - budget.left > limits.minBombBytes && ratio > limits.maxCompressionRatio) return { error: 'too_large' };
    } else {
      return { error: 'corrupt' };
    }
    if (e.name.endsWith('.rels') && hasExternalContent(Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('utf8'))) {
      return { error: 'external_reference' };
    }
  }
  return null;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/**
 * mammoth's HTML (a small, known vocabulary: p, h1-h6, ul, ol, li, table, tr, td, th, br, a, strong,
 * em, sup, sub, img) as plain text: paragraphs and headings apart by a blank line, each list item
 * on its own line as "- item" (a nested one "◦ item") or "1. item", table cells
 * apart by " | ". Tested through extractDocument (documents/docx-lists.test.ts).
 */
function htmlToText(html) {
  const out = [];
  const lists = []; // { ordered, n }
  let tables = 0;
  let line = '';
  const flush = (gap) => {
    const t = line.replace(/[ \t]+/g, ' ').trim();
    if (t) out.push(t, gap);
    line = '';
  };
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>|([^<]+)/gi)) {
    if (m[3] !== undefined) {
      line += decodeEntities(m[3]);
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    if (tag === 'ul' || tag === 'ol') {
      flush('\n');
      if (closing) {
        lists.pop();
        if (lists.length === 0 && out.length) out[out.length - 1] = '\n\n';
      } else lists.push({ ordered: tag === 'ol', n: 0 });
    } else if (tag === 'li') {
      flush('\n');
      if (!closing) {
        const list = lists[lists.length - 1];
        if (list) list.n++;
        // Nesting shows in the marker, not in indentation, which the text normalisation collapses.
        line = `${list && list.ordered ? `${list.n}.` : lists.length > 1 ? '◦' : '-'} `;
      }
    } else if (tag === 'p' || /^h[1-6]$/.test(tag)) {
      // A paragraph inside a list item or a table cell stays on that item's or row's line.
      if (lists.length || tables) continue;
      flush('\n\n');
    } else if (tag === 'br') {
      flush('\n');
    } else if (tag === 'td' || tag === 'th') {
      if (closing) line += ' | ';
    } else if (tag === 'tr' && closing) {
      line = line.replace(/\s*\|\s*$/, '');
      flush('\n');
    } else if (tag === 'table') {
      flush('\n');
      tables = Math.max(0, tables + (closing ? -1 : 1));
      if (closing && out.length) out[out.length - 1] = '\n\n';
    }
  }
  flush('');
  return out.join('').trim();
}

async function extractDocx(bytes, entries, limits) {
  let refusal;
  try {
    refusal = checkDocxEntries(bytes, entries, limits);
  } catch (err) {
    if (err instanceof BudgetError) return { error: 'too_large' };
    throw err;
  }
  if (refusal) return refusal;
  const mammoth = (await import('mammoth')).default;
  try {
    // mammoth >= 1.11 keeps externalFileAccess off by default (CVE-2025-11849); it is never enabled here.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // A document with a numbering part may hold bulleted or numbered lists: read it as HTML, so the
    // lists stay lists ("- item", "1. item"), images as empty tags rather than base64 copies. Without
    // one there are no lists, and raw text is cheaper (HTML costs about a third more on the hostile
    // corpus, measured in-process over 120 of its DOCX files).
    if (entries.some((e) => e.name === 'word/numbering.xml')) {
      const result = await mammoth.convertToHtml({ buffer }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), ignoreEmptyParagraphs: true });
      return { text: htmlToText(result.value) };
    }
    const result = await mammoth.extractRawText({ buffer });
    return { text: result.value };
  } catch {
    return { error: 'corrupt' };
  }
}

async function run(job) {
  try {
    return job.kind === 'pdf' ? await extractPdf(job.bytes, job.limits) : await extractDocx(job.bytes, job.entries, job.limits);
  } catch {
    return { error: 'corrupt' };
  }
}

if (process.send) {
  process.once('message', (job) => {
    void run(job).then((result) => process.send(result, () => process.exit(0)));
  });
}
