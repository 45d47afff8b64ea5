import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errors } from '../../errors.js';
import { importUpload } from '../../services/period-import.js';
import { correct, getNoticeFile, getRevisionReportJson, listRevisions, publish } from '../../services/publishing.js';
import { getRankingJson } from '../../services/ranking.js';
import type { PeriodReport } from '../../services/report.js';
import { getVisiblePeriod, listVisiblePeriods, openPeriod, setDeadline, startReview } from '../../services/review.js';
import { importTemplate } from '../../services/templates.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { attachment } from '../presenters.js';
import {
  correctionSchema,
  getPeriodSchema,
  importSchema,
  listPeriodsSchema,
  noticeSchema,
  openPeriodSchema,
  publishSchema,
  rankingSchema,
  revisionReportSchema,
  revisionsSchema,
  startReviewSchema,
  templateSchema,
  updatePeriodSchema,
} from './periods.schema.js';

export const periodRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  app.get('/api/periods', { schema: listPeriodsSchema }, async (request) => listVisiblePeriods(db, actorOf(request)));

  app.post('/api/periods', { schema: openPeriodSchema }, async (request, reply) => {
    const period = await openPeriod(db, actorOf(request), request.body);
    return reply.status(201).send(period);
  });

  app.get('/api/periods/:period', { schema: getPeriodSchema }, async (request) =>
    getVisiblePeriod(db, actorOf(request), request.params.period),
  );

  app.put('/api/periods/:period', { schema: updatePeriodSchema }, async (request) =>
    setDeadline(db, actorOf(request), request.params.period, request.body.deadline),
  );

  app.post('/api/periods/:period/review', { schema: startReviewSchema }, async (request) =>
    startReview(db, actorOf(request), request.params.period),
  );

  app.post('/api/periods/:period/publish', { schema: publishSchema }, async (request) =>
    publish(db, actorOf(request), request.params.period, request.body ?? {}),
  );

  app.post('/api/periods/:period/corrections', { schema: correctionSchema }, async (request, reply) => {
    const period = await correct(db, actorOf(request), request.params.period, request.body);
    return reply.status(201).send(period);
  });

  app.get('/api/periods/:period/revisions', { schema: revisionsSchema }, async (request) =>
    listRevisions(db, actorOf(request), request.params.period),
  );

  // Reports leave as the JSON text their service made (stored or cached), which Fastify passes
  // through unserialised: passed on whole, and re-validating 130 units on every read would cost
  // more than the cache saves.
  app.get('/api/periods/:period/revisions/:revision', { schema: revisionReportSchema }, async (request, reply) => {
    const json = await getRevisionReportJson(db, actorOf(request), request.params.period, request.params.revision);
    return reply.type('application/json; charset=utf-8').send(json as unknown as PeriodReport);
  });

  app.get('/api/periods/:period/ranking', { schema: rankingSchema }, async (request, reply) => {
    const json = await getRankingJson(db, actorOf(request), request.params.period);
    return reply.type('application/json; charset=utf-8').send(json as unknown as PeriodReport);
  });

  app.get('/api/periods/:period/notice.:format', { schema: noticeSchema }, async (request, reply) => {
    const file = await getNoticeFile(db, actorOf(request), request.params.period, request.params.format, request.query.revision);
    return attachment(reply, file);
  });

  app.get('/api/templates/import.:format', { schema: templateSchema }, async (request, reply) => {
    const { format } = request.params;
    const contentType = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return attachment(reply, { fileName: `mau-nhap-lieu.${format}`, contentType, content: await importTemplate(format) });
  });

  app.post('/api/periods/:period/import', { schema: importSchema }, async (request) => {
    if (!request.isMultipart()) throw errors.validation('Cần gửi tệp dạng multipart/form-data, trường "file".');
    const upload = await request.file();
    if (!upload) throw errors.validation('Chưa chọn tệp.');
    // Reads the whole file; past the size limit this throws 413 before anything is imported.
    const content = await upload.toBuffer();
    return importUpload(db, actorOf(request), request.params.period, { content, fileName: upload.filename });
  });
};
