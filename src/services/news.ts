/**
 * The month's news item for the provincial portal, from the period report
 * built once here, citing the notice's number and date when the period has them.
 */
import type { Db } from '../db/connection.js';
import { renderNewsDocx } from '../documents/news-docx.js';
import { type NewsArticle, newsArticle, newsText, parseNewsText } from '../domain/news.js';
import type { NewsItem } from '../contract/news.js';

import { errors } from '../errors.js';
import type { Actor } from './audit.js';
import { getPeriod } from './periods.js';
import { getPeriodReport } from './report.js';
import { assertStaff } from './access.js';

export async function getNewsArticle(db: Db, provinceId: string, periodId: string): Promise<NewsArticle> {
  const [period, report] = await Promise.all([getPeriod(db, provinceId, periodId), getPeriodReport(db, provinceId, periodId)]);
  if (report.groups.every((g) => g.units.length === 0)) throw errors.validation(`Kỳ ${period.id} chưa có kết quả để viết tin.`);
  // The issuing body is kept in capitals for the letterhead; the article names the board in words.
  return newsArticle(report, { noticeNumber: period.noticeNumber, noticeDate: period.noticeDate });
}

/** Longest edited article accepted back for the DOCX: a news item is a page, not a book. */
const MAX_EDITED_CHARS = 20_000;

/** The article as the board edited it (text, first line the headline), as a Word document. */
export async function newsDocxFromText(text: string): Promise<Buffer> {
  if (text.length > MAX_EDITED_CHARS) throw errors.validation(`Bài viết dài quá ${MAX_EDITED_CHARS.toLocaleString('vi-VN')} ký tự.`);
  const article = parseNewsText(text);
  if (!article.headline) throw errors.validation('Bài viết cần có tiêu đề ở dòng đầu.');
  return renderNewsDocx(article);
}

/** The news item for the ranking page: the board's staff write it, for any period with results. */
export async function readNewsItem(db: Db, actor: Actor, periodId: string): Promise<NewsItem> {
  requireWriter(actor);
  const article = await getNewsArticle(db, actor.provinceId, periodId);
  return { ...article, text: newsText(article) };
}

/** The article as edited in the page, as a Word document named for its month. */
export async function newsDocxFile(
  actor: Actor,
  periodId: string,
  text: string,
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  requireWriter(actor);
  return {
    fileName: `tin-bai-${periodId}.docx`,
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    content: await newsDocxFromText(text),
  };
}

function requireWriter(actor: Actor): void {
  assertStaff(actor, 'Chỉ Ban biên tập viết tin bài cho Cổng tỉnh.');
}

export { newsText };
