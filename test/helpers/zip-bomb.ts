/**
 * Builds hostile ZIP files (XLSX, DOCX) without ever holding their inflated content: a periodic
 * text compressed once with a sync flush is a byte-aligned run of deflate blocks, and repeating
 * those bytes repeats the text (back-references stay inside one period).
 */
import { crc32, constants, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export interface BombEntry {
  name: string;
  /** A plain entry's bytes, or a periodic one: `unit` repeated `times` after `head` and before `tail`. */
  data?: Buffer;
  bomb?: { head: string; unit: string; times: number; tail: string };
  /** Declare this inflated size in the headers instead of the true one. */
  declaredSize?: number;
}

function deflatePeriodic(unit: string, times: number): { parts: Buffer[]; size: number } {
  const perChunk = Math.max(1, Math.floor((1 << 20) / Buffer.byteLength(unit)));
  const chunk = Buffer.from(unit.repeat(perChunk));
  const block = deflateRawSync(chunk, { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH });
  const parts: Buffer[] = [];
  let left = times;
  while (left >= perChunk) {
    parts.push(block);
    left -= perChunk;
  }
  if (left > 0) {
    const rest = Buffer.from(unit.repeat(left));
    parts.push(deflateRawSync(rest, { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH }));
  }
  return { parts, size: times * Buffer.byteLength(unit) };
}

export function buildZip(entries: BombEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    let compressed: Buffer;
    let size: number;
    let crc: number;
    if (entry.bomb) {
      const head = Buffer.from(entry.bomb.head);
      const tail = Buffer.from(entry.bomb.tail);
      const body = deflatePeriodic(entry.bomb.unit, entry.bomb.times);
      const headPart = deflateRawSync(head, { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH });
      compressed = Buffer.concat([headPart, ...body.parts, deflateRawSync(tail)]);
      size = head.length + body.size + tail.length;
      crc = periodicCrc(crc32(head, 0), entry.bomb, tail);
    } else {
      const data = entry.data ?? Buffer.alloc(0);
      compressed = deflateRawSync(data);
      size = data.length;
      crc = crc32(data, 0);
    }
    const declared = entry.declaredSize ?? size;
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(crc >>> 0, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(declared, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    central.push(header, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** CRC-32 of head + unit × times + tail, continued from the head's. */
function periodicCrc(crc: number, bomb: NonNullable<BombEntry['bomb']>, tail: Buffer): number {
  const perChunk = Math.max(1, Math.floor((1 << 20) / Buffer.byteLength(bomb.unit)));
  const chunk = Buffer.from(bomb.unit.repeat(perChunk));
  let left = bomb.times;
  while (left >= perChunk) {
    crc = crc32(chunk, crc);
    left -= perChunk;
  }
  if (left > 0) crc = crc32(Buffer.from(bomb.unit.repeat(left)), crc);
  return crc32(tail, crc);
}

/** Every entry of a real office file, one replaced by `replacement`. */
async function officeWith(file: Buffer, part: string, replacement: Omit<BombEntry, 'name'>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  const entries: BombEntry[] = [];
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    entries.push(name === part ? { name, ...replacement } : { name, data: await entry.async('nodebuffer') });
  }
  if (!entries.some((e) => e.name === part)) throw new Error(`no ${part}`);
  return buildZip(entries);
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** An XLSX whose first sheet inflates to about `megabytes` MB of rows. */
export async function xlsxBomb(megabytes: number, declaredSize?: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Sheet1').addRow(['Tên đơn vị']);
  const file = Buffer.from(await workbook.xlsx.writeBuffer());
  const unit = '<row><c t="inlineStr"><is><t>Sở Y tế tỉnh Bắc Ninh</t></is></c><c><v>19</v></c></row>';
  const times = Math.ceil((megabytes * 1024 * 1024) / Buffer.byteLength(unit));
  return officeWith(file, 'xl/worksheets/sheet1.xml', { bomb: { head: SHEET_HEAD, unit, times, tail: SHEET_TAIL }, ...(declaredSize ? { declaredSize } : {}) });
}

/** A DOCX whose body inflates to about `megabytes` MB of paragraphs. */
export async function docxBomb(megabytes: number, base: Buffer, declaredSize?: number): Promise<Buffer> {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
  const unit = '<w:p><w:r><w:t>Ban Biên tập Cổng Thông tin điện tử tỉnh</w:t></w:r></w:p>';
  const times = Math.ceil((megabytes * 1024 * 1024) / Buffer.byteLength(unit));
  return officeWith(base, 'word/document.xml', { bomb: { head, unit, times, tail: '</w:body></w:document>' }, ...(declaredSize ? { declaredSize } : {}) });
}

/** An archive of `count` tiny entries. */
export function manyEntries(count: number): Buffer {
  return buildZip(Array.from({ length: count }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('<a/>') })));
}
