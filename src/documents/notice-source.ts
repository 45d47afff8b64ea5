/**
 * Turns an earlier notice file into lines for the reader: plain text (tab-separated table rows,
 * as pasted from Word) or DOCX through mammoth, whose HTML keeps the table structure.
 */
import * as cheerio from 'cheerio';
import mammoth from 'mammoth';
import { errors } from '../errors.js';
import type { NoticeLine } from './notice-reader.js';
import { hasControlCharacters } from '../domain/limits.js';
import { checkZip } from './zip-guard.js';

export type NoticeFormat = 'txt' | 'docx';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Tables with this many columns or more hold data; narrower ones only lay out the header and signature. */
const DATA_TABLE_COLUMNS = 5;

const unreadable = (message: string) => errors.importInvalid([{ line: 0, column: null, message }]);

export async function noticeLines(content: Buffer): Promise<{ format: NoticeFormat; lines: NoticeLine[] }> {
  if (content.subarray(0, 4).equals(ZIP_MAGIC)) return { format: 'docx', lines: await docxLines(content) };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw unreadable('Tệp không phải văn bản UTF-8 hay DOCX.');
  }
  if (hasControlCharacters(text)) throw unreadable('Tệp chứa ký tự điều khiển (như NUL): không phải văn bản UTF-8 hay DOCX.');
  return { format: 'txt', lines: textLines(text.replace(/^\ufeff/u, '')) };
}

export function textLines(text: string): NoticeLine[] {
  return text.split(/\r?\n/u).map((line, i) => ({ line: i + 1, cells: line.split('\t') }));
}

async function docxLines(content: Buffer): Promise<NoticeLine[]> {
  try {
    await checkZip(content);
  } catch (error) {
    throw unreadable((error as Error).message);
  }
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: content }, { ignoreEmptyParagraphs: false })).value;
  } catch (error) {
    throw unreadable(`Không đọc được tệp DOCX: ${(error as Error).message}`);
  }
  const $ = cheerio.load(html);
  const out: string[][] = [];
  const walk = (elements: Selection) => {
    elements.each((_, node) => {
      const el = $(node);
      if (el.is('table')) {
        const rows = rowsOf(el);
        if (columnCount($, rows) >= DATA_TABLE_COLUMNS) out.push(...tableGrid($, rows));
        else walk(rows.children('td, th').children());
      } else if (el.is('ul, ol')) {
        // A bulleted list loses its dash in HTML; the reader expects "- item".
        el.children('li').each((__, item) => {
          out.push([`- ${$(item).text().replace(/^\s*-\s*/u, '')}`]);
        });
      } else {
        out.push([el.text()]);
      }
    });
  };
  walk($('body').children());
  return out.map((cells, i) => ({ line: i + 1, cells }));
}

type Selection = ReturnType<cheerio.CheerioAPI>;

function rowsOf(table: Selection): Selection {
  return table.children('tbody, thead').addBack().children('tr');
}

function span(cell: Selection, attribute: 'colspan' | 'rowspan'): number {
  return Math.max(1, Number(cell.attr(attribute) ?? 1) || 1);
}

function columnCount($: cheerio.CheerioAPI, rows: Selection): number {
  let most = 0;
  rows.each((_, tr) => {
    let count = 0;
    $(tr).children('td, th').each((__, td) => {
      count += span($(td), 'colspan');
    });
    most = Math.max(most, count);
  });
  return most;
}

/** The table as a grid: a merged cell's text is repeated in every column and row it covers. */
function tableGrid($: cheerio.CheerioAPI, rows: Selection): string[][] {
  const grid: string[][] = [];
  rows.each((r, tr) => {
    grid[r] ??= [];
    let c = 0;
    $(tr).children('td, th').each((_, node) => {
      const td = $(node);
      while (grid[r]![c] !== undefined) c += 1;
      const paragraphs = td.children('p').map((__, p) => $(p).text()).get();
      const text = paragraphs.length > 0 ? paragraphs.join(' ') : td.text();
      const cols = span(td, 'colspan');
      for (let dr = 0; dr < span(td, 'rowspan'); dr += 1) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < cols; dc += 1) grid[r + dr]![c + dc] = text;
      }
      c += cols;
    });
  });
  return grid.map((row) => Array.from({ length: row.length }, (_, i) => row[i] ?? ''));
}
