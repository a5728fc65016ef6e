// Runs PDF/DOCX text extraction inside a worker_threads Worker so the parent can bound its memory
// (resourceLimits) and time (terminate on timeout). Plain ESM JavaScript so the worker starts the
// same under tsx, vitest and plain node, without a TypeScript loader in the thread.
import { parentPort, workerData } from 'node:worker_threads';

const { kind, bytes, maxPages } = workerData;

async function extractPdf(data) {
  const { getDocumentProxy } = await import('unpdf');
  let pdf;
  try {
    // isEvalSupported: false closes CVE-2024-4367's code path; fonts are never turned into code.
    pdf = await getDocumentProxy(data, {
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
    if (pdf.numPages > maxPages) return { error: 'too_many_pages', pages: pdf.numPages };
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

async function extractDocx(data) {
  const mammoth = (await import('mammoth')).default;
  try {
    // mammoth >= 1.11 keeps externalFileAccess off by default (CVE-2025-11849); it is never enabled here.
    const result = await mammoth.extractRawText({ buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
    return { text: result.value };
  } catch {
    return { error: 'corrupt' };
  }
}

let result;
try {
  result = kind === 'pdf' ? await extractPdf(bytes) : await extractDocx(bytes);
} catch {
  result = { error: 'corrupt' };
}
parentPort.postMessage(result);
