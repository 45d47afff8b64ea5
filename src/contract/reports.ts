/** The year's and the quarter's results. */
import { z } from 'zod';
import type { SpanReport } from '../domain/yearly.js';
import type { Same } from './common.js';

export type { SpanReport } from '../domain/yearly.js';

export const spanReport = z
  .object({
    year: z.number().int(),
    quarter: z.string().optional(),
    periods: z.array(z.string()),
    groups: z.array(
      z.object({
        name: z.string(),
        units: z.array(
          z.object({
            rank: z.number().int(),
            id: z.string(),
            name: z.string(),
            months: z.number().int(),
            average: z.number(),
            deductedMonths: z.number().int(),
            articles: z.number().int(),
          }),
        ),
      }),
    ),
  })
  .describe('Tổng hợp năm, quý: đúng JSON của lệnh report --year / --quarter --format json');
const spanMatches: Same<z.infer<typeof spanReport>, SpanReport> = true;
void spanMatches;
