import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { renderSpanDocx, renderSpanXlsx } from '../../documents/span-report-files.js';
import { isStaff } from '../../domain/access.js';
import { errors } from '../../errors.js';
import { getSpanReport, parseSpan } from '../../services/span-report.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { attachment } from '../presenters.js';
import { spanFileSchema, spanReportSchema } from './reports.schema.js';

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

export const reportRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  /** Published periods are every role's to read; periods still under review only staff's. */
  const reportOf = (request: FastifyRequest, spanText: string, includeUnpublished: boolean) => {
    const actor = actorOf(request);
    if (includeUnpublished && !isStaff(actor)) throw errors.forbidden('Chỉ Ban biên tập xem được kỳ chưa công bố.');
    const span = parseSpan(spanText.includes('-Q') ? { quarter: spanText } : { year: spanText });
    return getSpanReport(db, actor.provinceId, span, { includeUnpublished });
  };

  app.get('/api/reports/:span', { schema: spanReportSchema }, async (request) =>
    reportOf(request, request.params.span, request.query.includeUnpublished),
  );

  app.get('/api/reports/:span/:format', { schema: spanFileSchema }, async (request, reply) => {
    const { span, format } = request.params;
    const report = await reportOf(request, span, request.query.includeUnpublished);
    const content = format === 'xlsx' ? await renderSpanXlsx(report) : await renderSpanDocx(report);
    const name = report.quarter ? `tong-hop-quy-${report.quarter}` : `tong-hop-nam-${report.year}`;
    return attachment(reply, { fileName: `${name}.${format}`, contentType: CONTENT_TYPES[format], content });
  });
};
