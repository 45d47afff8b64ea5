import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readSpanReport, spanReportFile } from '../../services/span-report.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { attachment } from '../presenters.js';
import { spanFileSchema, spanReportSchema } from './reports.schema.js';

export const reportRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  app.get('/api/reports/:span', { schema: spanReportSchema }, async (request) =>
    readSpanReport(db, actorOf(request), request.params.span, { includeUnpublished: request.query.includeUnpublished }),
  );

  app.get('/api/reports/:span/:format', { schema: spanFileSchema }, async (request, reply) => {
    const { span, format } = request.params;
    return attachment(reply, await spanReportFile(db, actorOf(request), span, format, { includeUnpublished: request.query.includeUnpublished }));
  });
};
