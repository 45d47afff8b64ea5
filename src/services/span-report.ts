/**
 * The year's and the quarter's results (thi đua, khen thưởng): each month's scores and articles
 * exactly as that month's report gives them, averaged per unit over the months it was evaluated.
 */
import type { Db } from '../db/connection.js';
import { renderSpanDocx, renderSpanXlsx } from '../documents/span-report-files.js';
import { isStaff } from '../domain/access.js';
import { buildSpanReport, quarterSpan, type Span, type SpanReport, yearSpan } from '../domain/yearly.js';
import { errors } from '../errors.js';
import type { Actor } from './audit.js';
import { listPeriods } from './periods.js';
import { listGroups, listUnits } from './registry.js';
import { getPeriodReport } from './report.js';

export function parseSpan(input: { year?: string; quarter?: string }): Span {
  if ((input.year === undefined) === (input.quarter === undefined)) {
    throw errors.validation('Cần đúng một trong hai: năm (YYYY) hoặc quý (YYYY-Qn).');
  }
  try {
    if (input.quarter !== undefined) return quarterSpan(input.quarter);
    if (!/^\d{4}$/.test(input.year!)) throw new RangeError(`Năm không hợp lệ: "${input.year}" (cần dạng YYYY)`);
    return yearSpan(Number(input.year));
  } catch (error) {
    throw errors.validation(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Ranks a year or a quarter. Only published periods count unless asked otherwise: a period still
 * under review can change.
 */
export async function getSpanReport(
  db: Db,
  provinceId: string,
  span: Span,
  options: { includeUnpublished?: boolean } = {},
): Promise<SpanReport> {
  const wanted = new Set(span.periods);
  const periods = (await listPeriods(db, provinceId))
    .filter((p) => wanted.has(p.id) && (options.includeUnpublished || p.status === 'published'))
    .map((p) => p.id)
    .sort();
  const reports = [];
  for (const periodId of periods) reports.push(await getPeriodReport(db, provinceId, periodId));
  const [groups, units] = await Promise.all([listGroups(db, provinceId), listUnits(db, provinceId)]);
  return buildSpanReport(span, reports, groups, units);
}

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/**
 * A year ("2024") or a quarter ("2024-Q1") for a user: published periods are every role's to read,
 * periods still under review only the board's staff's.
 */
export async function readSpanReport(
  db: Db,
  actor: Actor,
  spanText: string,
  options: { includeUnpublished?: boolean } = {},
): Promise<SpanReport> {
  if (options.includeUnpublished && !isStaff(actor)) throw errors.forbidden('Chỉ Ban biên tập xem được kỳ chưa công bố.');
  const span = parseSpan(spanText.includes('-Q') ? { quarter: spanText } : { year: spanText });
  return getSpanReport(db, actor.provinceId, span, options);
}

/** The span's report as an XLSX or DOCX file: built once, then laid out. */
export async function spanReportFile(
  db: Db,
  actor: Actor,
  spanText: string,
  format: keyof typeof CONTENT_TYPES,
  options: { includeUnpublished?: boolean } = {},
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const report = await readSpanReport(db, actor, spanText, options);
  const content = format === 'xlsx' ? await renderSpanXlsx(report) : await renderSpanDocx(report);
  const name = report.quarter ? `tong-hop-quy-${report.quarter}` : `tong-hop-nam-${report.year}`;
  return { fileName: `${name}.${format}`, contentType: CONTENT_TYPES[format], content };
}
