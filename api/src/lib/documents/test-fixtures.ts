/** Builders for the document tests: minimal hand-written PDFs and DOCX zips, nothing downloaded. */
import { constants, crc32 as zlibCrc32, deflateRawSync } from 'node:zlib';

const enc = new TextEncoder();

/** A valid single-font PDF; one page per entry in `pages` (empty string = page with no text). */
export function makePdf(pages: string[], opts: { encrypt?: boolean } = {}): Uint8Array {
  const objects: string[] = [];
  const n = pages.length;
  // 1 catalog, 2 pages, 3 font, then per page: page object + content stream.
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ')}] /Count ${n} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  pages.forEach((text, i) => {
    const lines = text.split('\n');
    const ops = text
      ? `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${l.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj T*`).join(' ')} ET`
      : '0 0 1 rg 72 72 200 200 re f';
    objects[4 + i * 2] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`;
    objects[5 + i * 2] = `<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`;
  });
  const encryptObj = objects.length;
  if (opts.encrypt) {
    const h = 'a1'.repeat(32);
    objects[encryptObj] = `<< /Filter /Standard /V 1 /R 2 /O <${h}> /U <${h}> /P -4 >>`;
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let i = 1; i < objects.length; i++) {
    offsets[i] = out.length;
    out += `${i} 0 obj\n${objects[i]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objects.length; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  const extra = opts.encrypt ? ` /Encrypt ${encryptObj} 0 R /ID [<${'0'.repeat(32)}> <${'0'.repeat(32)}>]` : '';
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R${extra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return enc.encode(out);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipFile {
  name: string;
  data: Uint8Array | string;
  /** Overrides the declared uncompressed size in the headers (to fake a bomb or lie). */
  declaredSize?: number;
  flags?: number;
  /** Already-compressed raw deflate data (from deflateRepeated); `data` is then ignored. */
  deflated?: Deflated;
  /** Compression method in the headers; 0 stores `data` as is. Default 8 (deflate). */
  method?: number;
}

export interface Deflated {
  data: Uint8Array;
  /** Inflated size. */
  size: number;
  crc: number;
  adler: number;
}

const ADLER_MOD = 65521;

function adler32(data: Uint8Array, start = 1): number {
  let a = start & 0xffff;
  let b = start >>> 16;
  for (const byte of data) {
    a = (a + byte) % ADLER_MOD;
    b = (b + a) % ADLER_MOD;
  }
  return ((b << 16) | a) >>> 0;
}

/** adler32(x ++ y) from adler32(x), adler32(y) and y's length (zlib's adler32_combine). */
function adler32Combine(adlerX: number, adlerY: number, lengthY: number): number {
  const len = lengthY % ADLER_MOD;
  const ax = adlerX & 0xffff;
  const bx = adlerX >>> 16;
  const ay = adlerY & 0xffff;
  const by = adlerY >>> 16;
  const a = (ax + ay + ADLER_MOD - 1) % ADLER_MOD;
  const b = Number((BigInt(bx) + BigInt(by) + BigInt(len) * BigInt(ax + ADLER_MOD - 1)) % BigInt(ADLER_MOD));
  return ((b << 16) | a) >>> 0;
}

const CRC_POLY = 0xedb88320;

/** a(x)·b(x) modulo the CRC-32 polynomial (zlib's multmodp, bit-reflected). */
function multmodp(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if ((a & m) !== 0) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ CRC_POLY : b >>> 1;
  }
  return p >>> 0;
}

const X2N: number[] = [0x40000000];
for (let k = 1; k < 32; k++) X2N.push(multmodp(X2N[k - 1]!, X2N[k - 1]!));

/** x^(n·2^k) modulo the polynomial (zlib's x2nmodp). */
function x2nmodp(n: number, k: number): number {
  let p = 0x80000000;
  while (n > 0) {
    if (n % 2 === 1) p = multmodp(X2N[k & 31]!, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** crc32(x ++ y) from crc32(x), crc32(y) and y's length (zlib's crc32_combine), so a bomb's CRC costs no pass over its bytes. */
export function crc32Combine(crcX: number, crcY: number, lengthY: number): number {
  return (multmodp(x2nmodp(lengthY, 3), crcX) ^ crcY) >>> 0;
}

/** Level-9 compression of a 1 MiB chunk takes tens of milliseconds; corpora reuse their chunks. */
const compressedChunks = new WeakMap<Uint8Array, { z: Uint8Array; adler: number; crc: number; shift: number }>();

/**
 * Raw deflate of `prefix` then `repeat` copies of `chunk`, built without ever holding the inflated
 * bytes: each part is compressed once with a full flush (byte-aligned, no back-references into
 * earlier data), so its compressed form can be repeated. A 1 MiB chunk of one byte value compresses
 * to about 1 KiB, so a 400 MB bomb costs 400 KB and a few milliseconds to build.
 */
export function deflateRepeated(prefix: Uint8Array | string, chunk: Uint8Array, repeat: number, suffix: Uint8Array | string = ''): Deflated {
  const pre = typeof prefix === 'string' ? enc.encode(prefix) : prefix;
  const suf = typeof suffix === 'string' ? enc.encode(suffix) : suffix;
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const preZ = deflateRawSync(pre, flush);
  let cached = compressedChunks.get(chunk);
  if (!cached) {
    cached = { z: deflateRawSync(chunk, flush), adler: adler32(chunk), crc: zlibCrc32(chunk), shift: x2nmodp(chunk.length, 3) };
    compressedChunks.set(chunk, cached);
  }
  const { z: chunkZ, adler: chunkAdler, crc: chunkCrc, shift } = cached;
  const sufZ = deflateRawSync(suf);
  const parts: Uint8Array[] = [preZ];
  let crc = zlibCrc32(pre);
  let adler = adler32(pre);
  for (let i = 0; i < repeat; i++) {
    parts.push(chunkZ);
    crc = (multmodp(shift, crc) ^ chunkCrc) >>> 0;
    adler = adler32Combine(adler, chunkAdler, chunk.length);
  }
  parts.push(sufZ);
  crc = zlibCrc32(suf, crc);
  adler = adler32Combine(adler, adler32(suf), suf.length);
  return { data: new Uint8Array(Buffer.concat(parts)), size: pre.length + chunk.length * repeat + suf.length, crc, adler };
}

/** The zlib wrapper (RFC 1950) around raw deflate data, as PDF's FlateDecode expects. */
export function zlibWrap(d: Deflated): Uint8Array {
  const out = new Uint8Array(d.data.length + 6);
  out[0] = 0x78;
  out[1] = 0xda;
  out.set(d.data, 2);
  new DataView(out.buffer).setUint32(out.length - 4, d.adler, false);
  return out;
}

export type PdfObject = string | { dict: string; data: Uint8Array | string };

/** A PDF from numbered objects (index 0 unused); streams get their /Length added. */
export function buildPdf(objects: PdfObject[], trailerExtra = '', header = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  const push = (p: Uint8Array | string) => {
    const b = typeof p === 'string' ? Buffer.from(p, 'latin1') : p;
    parts.push(b);
    length += b.length;
  };
  push(header);
  const offsets: number[] = [];
  for (let i = 1; i < objects.length; i++) {
    const o = objects[i]!;
    offsets[i] = length;
    if (typeof o === 'string') {
      push(`${i} 0 obj\n${o}\nendobj\n`);
    } else {
      const data = typeof o.data === 'string' ? Buffer.from(o.data, 'latin1') : o.data;
      push(`${i} 0 obj\n<< ${o.dict} /Length ${data.length} >>\nstream\n`);
      push(data);
      push('\nendstream\nendobj\n');
    }
  }
  const xref = length;
  let table = `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objects.length; i++) table += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  push(table);
  push(`trailer\n<< /Size ${objects.length} /Root 1 0 R${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts));
}

/** Catalog, page tree, font and one page whose content stream is `content` (with its filter). */
export function onePagePdf(content: { dict: string; data: Uint8Array | string }, extraObjects: PdfObject[] = []): Uint8Array {
  return buildPdf([
    '',
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>',
    content,
    ...extraObjects,
  ]);
}

export function textOps(lines: string[]): string {
  return `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${l.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj T*`).join(' ')} ET\n`;
}

const MIB = 1024 * 1024;

/**
 * The outside probe's PDF bomb: one page whose single Flate content stream is a line of CV text
 * followed by `expandedMiB` MiB of spaces (PDF whitespace, so a reader must inflate all of it).
 */
export function makeFlateBombPdf(expandedMiB: number, lines: string[]): Uint8Array {
  const d = deflateRepeated(textOps(lines), new Uint8Array(MIB).fill(0x20), expandedMiB);
  return onePagePdf({ dict: '/Filter /FlateDecode', data: zlibWrap(d) });
}

/**
 * The outside probe's DOCX: a valid document whose `word/document.xml` really inflates to
 * `realMiB` MiB (the text, then padding inside an XML comment) while the zip directory claims
 * `declaredBytes`.
 */
export function makeLyingDocx(realMiB: number, declaredBytes: number, paragraphs: string[]): Uint8Array {
  const [types, rels, doc] = docxParts(paragraphs);
  const xml = typeof doc!.data === 'string' ? doc!.data : '';
  const cut = xml.lastIndexOf('</w:document>');
  const deflated = deflateRepeated(`${xml.slice(0, cut)}<!--`, new Uint8Array(MIB).fill(0x20), realMiB, `-->${xml.slice(cut)}`);
  return makeZip([types!, rels!, { name: 'word/document.xml', data: '', deflated, declaredSize: declaredBytes }]);
}

export function makeZip(files: ZipFile[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const raw = typeof f.data === 'string' ? enc.encode(f.data) : f.data;
    const method = f.method ?? 8;
    const comp = f.deflated?.data ?? (method === 0 ? raw : deflateRawSync(raw));
    const name = Buffer.from(f.name);
    const size = f.declaredSize ?? f.deflated?.size ?? raw.length;
    const crc = f.deflated?.crc ?? crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(f.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(f.flags ?? 0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(comp.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, comp);
    centrals.push(central, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(files.length, 8);
  eocd.writeUInt16LE(files.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

export function docxParts(paragraphs: string[], docRels?: string, bodyExtra = ''): ZipFile[] {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`).join('');
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body}${bodyExtra}</w:body></w:document>`;
  const parts: ZipFile[] = [
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'word/document.xml', data: doc },
  ];
  if (docRels) parts.push({ name: 'word/_rels/document.xml.rels', data: docRels });
  return parts;
}

export function makeDocx(paragraphs: string[], docRels?: string, bodyExtra = ''): Uint8Array {
  return makeZip(docxParts(paragraphs, docRels, bodyExtra));
}
