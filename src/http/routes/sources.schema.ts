import { z } from 'zod';
import { errorResponse, id, periodParams, protectedErrors } from './common.schema.js';

const source = z.object({
  type: z.enum(['rss', 'atom', 'sitemap', 'html']),
  url: z.string(),
  preset: z.string().optional(),
  item: z.string().optional(),
  link: z.string().optional(),
  title: z.string().optional(),
  date: z.string().optional(),
  next: z.string().optional(),
});

/** A unit editor may name only their own unit; staff may narrow to one. */
const unitQuery = z.object({ unitId: id.optional() });

export const listSourcesSchema = {
  tags: ['sources'],
  summary: 'Cổng và nguồn tin của từng chuyên mục bắt buộc, theo đơn vị (dạng tệp `sources import`)',
  querystring: unitQuery,
  response: {
    200: z.object({
      units: z.array(
        z.object({
          unitId: z.string(),
          name: z.string(),
          portal: z.string(),
          categories: z.array(z.object({ name: z.string(), min: z.number().int(), source })),
        }),
      ),
    }),
    ...protectedErrors,
  },
};

export const putSourcesSchema = {
  tags: ['sources'],
  summary: 'Thay nguồn tin các đơn vị có trong tệp (Ban biên tập); một lỗi thì không ghi gì',
  // Checked by the import itself, so the problems come back as one 422 list with their paths.
  body: z.unknown().describe('{"units":[{"name","portal","categories":[{"name","min","source":{"type","url",…}}]}]}'),
  response: {
    200: z.object({ units: z.number().int(), categories: z.number().int(), groupsListed: z.array(z.string()) }),
    ...protectedErrors,
    422: errorResponse.describe('import_invalid: details.problems = [{line, column, message}]'),
  },
};

const evidence = z.object({ url: z.string(), title: z.string(), date: z.string(), dateText: z.string().nullable(), foundOn: z.string() });

export const crawlResultsSchema = {
  tags: ['sources'],
  summary: 'Kết quả đọc cổng của kỳ: mỗi chuyên mục một trạng thái, số tin, tin mới nhất, lỗi và bằng chứng',
  params: periodParams,
  querystring: unitQuery,
  response: {
    200: z.object({
      period: z.string(),
      units: z.array(
        z.object({
          unitId: z.string(),
          unitName: z.string(),
          posts: z.number().int(),
          complete: z.boolean(),
          crawledAt: z.string(),
          categories: z.array(
            z.object({
              name: z.string(),
              status: z.enum(['full', 'partial', 'none', 'unverified']),
              posts: z.number().int().nullable(),
              min: z.number().int(),
              source: z.object({ type: z.string(), url: z.string() }),
              latestPostAt: z.string().nullable(),
              daysSinceLatest: z.number().int().nullable(),
              error: z.object({ reason: z.string(), message: z.string(), url: z.string().nullable() }).nullable(),
              crawledAt: z.string(),
              evidence: z.array(evidence),
            }),
          ),
        }),
      ),
    }),
    ...protectedErrors,
  },
};

const origin = z.union([
  z.object({ kind: z.literal('categories'), status: z.enum(['partial', 'none']), ids: z.array(z.string()), sources: z.array(z.enum(['self', 'crawler'])) }),
  z.object({ kind: z.literal('pakn'), ids: z.array(z.string()) }),
]);

export const crossCheckSchema = {
  tags: ['sources'],
  summary: 'Đối chiếu tự đánh giá với kết quả đọc cổng: chuyên mục chênh lệch và đề xuất trừ điểm kèm bằng chứng',
  params: periodParams,
  querystring: unitQuery,
  response: {
    200: z.object({
      period: z.string(),
      units: z.array(
        z.object({
          unitId: z.string(),
          unitName: z.string(),
          articles: z.object({ reported: z.number().int(), counted: z.number().int().nullable(), withinTolerance: z.boolean().nullable() }),
          findings: z.array(
            z.object({
              category: z.string(),
              self: z.enum(['full', 'partial', 'none']).nullable(),
              measured: z.enum(['full', 'partial', 'none', 'unverified']),
              posts: z.number().int().nullable(),
              min: z.number().int(),
              latestPostAt: z.string().nullable(),
              evidence: z.array(evidence),
            }),
          ),
          proposals: z.array(
            z.object({
              points: z.number(),
              reason: z.string(),
              origin,
              uncappedPoints: z.number().optional(),
              evidence: z.array(z.object({ category: z.string(), posts: z.number().int().nullable(), min: z.number().int(), items: z.array(evidence) })),
            }),
          ),
          checks: z.array(z.string()),
        }),
      ),
    }),
    ...protectedErrors,
  },
};
