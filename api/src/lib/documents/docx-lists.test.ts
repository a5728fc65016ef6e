import { describe, expect, it } from 'vitest';
import { extractDocument } from './index.js';
import { makeZip, type ZipFile } from './test-fixtures.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOC_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`;
// numId 1: bullets (two levels); numId 2: decimal numbers — as Word writes them.
const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`;

const para = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const item = (text: string, numId: number, level = 0) =>
  `<w:p><w:pPr><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

function docxWithLists(body: string): Uint8Array {
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;
  const parts: ZipFile[] = [
    { name: '[Content_Types].xml', data: TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'word/document.xml', data: doc },
    { name: 'word/_rels/document.xml.rels', data: DOC_RELS },
    { name: 'word/numbering.xml', data: NUMBERING },
  ];
  return makeZip(parts);
}

describe('DOCX lists', () => {
  it('keeps bulleted and numbered lists as lists, a nested item marked as such', async () => {
    const body = [
      para('Alex Doe, Backend Engineer'),
      para('Skills'),
      item('TypeScript &amp; Node.js', 1),
      item('PostgreSQL', 1),
      item('query tuning', 1, 1),
      para('Achievements'),
      item('Cut invoice errors by 40%', 2),
      item('Led a team of four', 2),
    ].join('');
    const r = await extractDocument(docxWithLists(body), 'cv.docx');
    expect(r.text).toBe(
      [
        'Alex Doe, Backend Engineer',
        '',
        'Skills',
        '',
        '- TypeScript & Node.js',
        '- PostgreSQL',
        '◦ query tuning',
        '',
        'Achievements',
        '',
        '1. Cut invoice errors by 40%',
        '2. Led a team of four',
      ].join('\n'),
    );
  });

  it('puts each table row of a document with lists on one line, its cells apart', async () => {
    const cell = (t: string) => `<w:tc><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;
    const body = `${para('Experience')}<w:tbl><w:tr>${cell('2021–2024')}${cell('Acme')}</w:tr><w:tr>${cell('2018–2021')}${cell('Globex')}</w:tr></w:tbl>${para('References on request')}`;
    const r = await extractDocument(docxWithLists(body), 'cv.docx');
    expect(r.text).toBe(['Experience', '', '2021–2024 | Acme', '2018–2021 | Globex', '', 'References on request'].join('\n'));
  });
});
