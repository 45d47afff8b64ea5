/** The month's news item for the provincial portal: read, edited by the board, downloaded. */
import { z } from 'zod';
import type { NewsArticle } from '../domain/news.js';
import type { Same } from './common.js';

export const newsArticle = z
  .object({
    headline: z.string(),
    paragraphs: z.array(z.string()),
    text: z.string().describe('Tiêu đề ở dòng đầu, mỗi đoạn một dòng: đúng văn bản của lệnh report --format news'),
  })
  .describe('Tin bài cho Cổng Thông tin điện tử tỉnh');
export type NewsItem = z.infer<typeof newsArticle>;
const newsMatches: Same<Omit<NewsItem, 'text'>, NewsArticle> = true;
void newsMatches;

/** The article as the board edited it in the page: that text is what the DOCX says. */
export const newsDocxInput = z.object({
  text: z.string().min(1).max(20_000).describe('Bài đã sửa: tiêu đề ở dòng đầu'),
});
export type NewsDocxInput = z.infer<typeof newsDocxInput>;
