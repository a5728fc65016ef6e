/**
 * Reads a zip's central directory without inflating anything, so entry count and declared
 * uncompressed size are checked before any decompression (an early refusal only: declared sizes
 * are claims, and the extraction child counts the bytes it really inflates). Also locates each
 * entry's data through its local header, for that child. The API process never inflates.
 */

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

export function readCentralDirectory(buf: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const minEocd = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= minEocd; i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end of central directory');
  const total = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (total === 0xffff || cdOffset === 0xffffffff) throw new ZipFormatError('zip64 is not supported');
  if (total > maxEntries) throw new RangeError(`too many entries: ${total}`);
  if (cdOffset + cdSize > buf.length) throw new ZipFormatError('central directory out of range');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const decoder = new TextDecoder();
  for (let n = 0; n < total; n++) {
    if (p + 46 > buf.length || view.getUint32(p, true) !== CEN_SIG) throw new ZipFormatError('bad central directory entry');
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > buf.length) throw new ZipFormatError('entry name out of range');
    entries.push({
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
      name: decoder.decode(buf.subarray(p + 46, p + 46 + nameLen)),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Where an entry's compressed data lies in the zip (after its local header). */
export function entryDataRange(buf: Uint8Array, entry: ZipEntry): { start: number; end: number } {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const p = entry.localHeaderOffset;
  if (p + 30 > buf.length || view.getUint32(p, true) !== LOC_SIG) throw new ZipFormatError('bad local header');
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipFormatError('entry data out of range');
  return { start, end };
}
