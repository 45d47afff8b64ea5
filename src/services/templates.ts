/**
 * Empty import files with the expected columns, for units and the secretariat to fill in.
 */
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from '../domain/import-columns.js';

export type TemplateFormat = 'csv' | 'xlsx';

const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export async function importTemplate(format: TemplateFormat): Promise<Buffer> {
  const headers = IMPORT_COLUMNS.map((c) => c.header);
  if (format === 'csv') {
    // A BOM and CRLF so that Excel opens the UTF-8 file with its accents intact.
    return Buffer.from('\ufeff' + headers.map(quote).join(',') + '\r\n', 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Nhập liệu');
  sheet.addRow(headers);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  sheet.columns = headers.map((h, i) => ({ width: i === 0 || i === 1 || i === 9 ? 36 : Math.max(12, Math.min(h.length, 20)) }));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
