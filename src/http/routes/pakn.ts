import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { isAdmin, isStaff } from '../../domain/access.js';
import { HOLIDAY_NAMES } from '../../domain/holidays.js';
import { errors } from '../../errors.js';
import { removeDayChange, setDayChange, yearCalendar } from '../../services/calendar.js';
import { importPaknFile, listPakn, overdueForPeriod } from '../../services/pakn.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { deleteDayChangeSchema, importPaknSchema, listPaknSchema, overdueSchema, putDayChangeSchema, yearCalendarSchema } from './pakn.schema.js';

/**
 * Whose PAKN the caller may read: staff every unit's (null), a unit editor only their own unit's.
 * Viewers (leaders) read published results, and PAKN records are working data, not published.
 */
function paknScope(request: FastifyRequest): { provinceId: string; unitId: string | null } {
  const actor = actorOf(request);
  if (isStaff(actor)) return { provinceId: actor.provinceId, unitId: null };
  if (actor.role === 'unit-editor' && actor.unitId) return { provinceId: actor.provinceId, unitId: actor.unitId };
  throw errors.forbidden('PAKN chỉ dành cho Ban biên tập và biên tập viên của đơn vị.');
}

function adminOf(request: FastifyRequest) {
  const actor = actorOf(request);
  if (!isAdmin(actor)) throw errors.forbidden('Chỉ quản trị viên được sửa ngày nghỉ, làm bù.');
  return actor;
}

export const paknRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  app.get('/api/pakn', { schema: listPaknSchema }, async (request) => {
    const scope = paknScope(request);
    const { unitId, period } = request.query;
    if (scope.unitId !== null && unitId !== undefined && unitId !== scope.unitId) {
      throw errors.forbidden('Chỉ xem được PAKN của đơn vị mình.');
    }
    const unit = scope.unitId ?? unitId;
    return listPakn(db, scope.provinceId, new Date(), { ...(unit ? { unitId: unit } : {}), ...(period ? { periodId: period } : {}) });
  });

  app.post('/api/pakn/import', { schema: importPaknSchema }, async (request) => {
    const actor = actorOf(request);
    if (!isStaff(actor)) throw errors.forbidden('Chỉ Ban biên tập được nhập PAKN.');
    if (!request.isMultipart()) throw errors.validation('Cần gửi tệp dạng multipart/form-data, trường "file".');
    const upload = await request.file();
    if (!upload) throw errors.validation('Chưa chọn tệp.');
    const content = await upload.toBuffer();
    return importPaknFile(db, actor, { content, fileName: upload.filename });
  });

  app.get('/api/pakn/overdue', { schema: overdueSchema }, async (request) => {
    const scope = paknScope(request);
    const report = await overdueForPeriod(db, scope.provinceId, request.query.period);
    return scope.unitId === null ? report : { ...report, units: report.units.filter((u) => u.id === scope.unitId) };
  });

  app.get('/api/days-off', { schema: yearCalendarSchema }, async (request) => {
    const calendar = await yearCalendar(db, actorOf(request).provinceId, request.query.year);
    return { ...calendar, holidays: calendar.holidays.map((h) => ({ ...h, name: HOLIDAY_NAMES[h.kind] })) };
  });

  app.put('/api/days-off/:date', { schema: putDayChangeSchema }, async (request) =>
    setDayChange(db, adminOf(request), { date: request.params.date, ...request.body }),
  );

  app.delete('/api/days-off/:date', { schema: deleteDayChangeSchema }, async (request) =>
    removeDayChange(db, adminOf(request), request.params.date),
  );
};
