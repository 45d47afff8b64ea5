import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errors } from '../../errors.js';
import { importPeriodFile } from '../../services/import.js';
import { newsDocxFile, readNewsItem } from '../../services/news.js';
import {
  correct,
  getNoticeFile,
  getRangeNoticeFile,
  getRevisionReportJson,
  listRevisions,
  previewPublish,
  publish,
  publishRange,
} from '../../services/publishing.js';
import { getLatestRankingBody, getRankingBody } from '../../services/ranking.js';
import type { PeriodReport } from '../../domain/report.js';
import { getVisiblePeriod, listVisiblePeriods, openingProposal, openPeriod, setDeadline, startReview } from '../../services/review.js';
import { importTemplate } from '../../services/templates.js';
import { actorOf, withConfirmedSession } from '../auth.js';
import type { RouteContext } from '../context.js';
import { sendJsonBytes } from '../encoded-json.js';
import { attachment } from '../presenters.js';
import {
  correctionSchema,
  getPeriodSchema,
  importSchema,
  latestRankingSchema,
  listPeriodsSchema,
  noticeSchema,
  openPeriodSchema,
  openProposalSchema,
  publishPreviewSchema,
  newsDocxSchema,
  newsSchema,
  publishRangeSchema,
  publishSchema,
  rangeNoticeSchema,
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

  app.get('/api/periods/:period/open-proposal', { schema: openProposalSchema }, async (request) =>
    openingProposal(db, actorOf(request), request.params.period),
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

  app.post('/api/periods/:period/publish/preview', { schema: publishPreviewSchema }, async (request) => {
    const preview = await previewPublish(db, actorOf(request), request.params.period, request.body ?? {});
    const file = (f: { fileName: string; contentType: string; content: Buffer }) => ({
      fileName: f.fileName,
      contentType: f.contentType,
      base64: f.content.toString('base64'),
    });
    return { ...preview, files: { pdf: file(preview.files.pdf), docx: file(preview.files.docx), xlsx: file(preview.files.xlsx) } };
  });

  app.post('/api/periods/:period/corrections', { schema: correctionSchema }, async (request, reply) => {
    const period = await correct(db, actorOf(request), request.params.period, request.body);
    return reply.status(201).send(period);
  });

  app.get('/api/periods/:period/revisions', { schema: revisionsSchema }, async (request) =>
    listRevisions(db, actorOf(request), request.params.period),
  );

  // Reports leave as the JSON their service made (stored text, or cached UTF-8 bytes), which Fastify passes
  // through unserialised: passed on whole, and re-validating 130 units on every read would cost
  // more than the cache saves.
  app.get('/api/periods/:period/revisions/:revision', { schema: revisionReportSchema }, async (request, reply) => {
    const json = await getRevisionReportJson(db, actorOf(request), request.params.period, request.params.revision);
    return reply.type('application/json; charset=utf-8').send(json as unknown as PeriodReport);
  });

  app.get('/api/periods/:period/ranking', { schema: rankingSchema, config: { confirmsSession: true } }, async (request, reply) => {
    const body = await withConfirmedSession(request, (actor) => getRankingBody(db, actor, request.params.period));
    return sendJsonBytes(request, reply, body);
  });

  app.get('/api/ranking/latest', { schema: latestRankingSchema }, async (request, reply) => {
    return sendJsonBytes(request, reply, await getLatestRankingBody(db, actorOf(request)));
  });

  app.get('/api/periods/:period/notice.:format', { schema: noticeSchema }, async (request, reply) => {
    const file = await getNoticeFile(db, actorOf(request), request.params.period, request.params.format, request.query.revision);
    return attachment(reply, file);
  });

  app.get('/api/periods/:period/news', { schema: newsSchema }, async (request) =>
    readNewsItem(db, actorOf(request), request.params.period),
  );

  app.post('/api/periods/:period/news.docx', { schema: newsDocxSchema }, async (request, reply) =>
    attachment(reply, await newsDocxFile(actorOf(request), request.params.period, request.body.text)),
  );

  app.post('/api/ranges/:range/publish', { schema: publishRangeSchema }, async (request) =>
    publishRange(db, actorOf(request), request.params.range, request.body ?? {}),
  );

  app.get('/api/ranges/:range/notice.:format', { schema: rangeNoticeSchema }, async (request, reply) =>
    attachment(reply, await getRangeNoticeFile(db, actorOf(request), request.params.range, request.params.format)),
  );

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
    return importPeriodFile(db, actorOf(request), { periodId: request.params.period, content, fileName: upload.filename });
  });
};
