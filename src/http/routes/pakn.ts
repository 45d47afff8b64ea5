import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errors } from '../../errors.js';
import { removeDayChange, setDayChange, yearCalendar } from '../../services/calendar.js';
import { importPaknFile, listPakn, paknOverdue } from '../../services/pakn.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { deleteDayChangeSchema, importPaknSchema, listPaknSchema, overdueSchema, putDayChangeSchema, yearCalendarSchema } from './pakn.schema.js';

export const paknRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  app.get('/api/pakn', { schema: listPaknSchema }, async (request) => {
    const { unitId, period } = request.query;
    return listPakn(db, actorOf(request), { ...(unitId ? { unitId } : {}), ...(period ? { periodId: period } : {}) });
  });

  app.post('/api/pakn/import', { schema: importPaknSchema }, async (request) => {
    if (!request.isMultipart()) throw errors.validation('Cần gửi tệp dạng multipart/form-data, trường "file".');
    const upload = await request.file();
    if (!upload) throw errors.validation('Chưa chọn tệp.');
    const content = await upload.toBuffer();
    return importPaknFile(db, actorOf(request), { content, fileName: upload.filename });
  });

  app.get('/api/pakn/overdue', { schema: overdueSchema }, async (request) => paknOverdue(db, actorOf(request), request.query.period));

  app.get('/api/days-off', { schema: yearCalendarSchema }, async (request) =>
    yearCalendar(db, actorOf(request).provinceId, request.query.year),
  );

  app.put('/api/days-off/:date', { schema: putDayChangeSchema }, async (request) =>
    setDayChange(db, actorOf(request), { date: request.params.date, ...request.body }),
  );

  app.delete('/api/days-off/:date', { schema: deleteDayChangeSchema }, async (request) =>
    removeDayChange(db, actorOf(request), request.params.date),
  );
};
