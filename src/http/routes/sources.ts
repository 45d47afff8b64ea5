import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isStaff } from '../../domain/access.js';
import { errors } from '../../errors.js';
import { crossCheck, measuredForPeriod } from '../../services/crawl.js';
import { listUnits } from '../../services/registry.js';
import { importSources, portalSources } from '../../services/sources.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { crawlResultsSchema, crossCheckSchema, listSourcesSchema, putSourcesSchema } from './sources.schema.js';

/**
 * Which units' sources and crawl results the caller may read: staff every unit (or the one asked
 * for), a unit editor only their own. Viewers read published notices, not the working data.
 */
function unitScope(request: FastifyRequest, asked: string | undefined): { provinceId: string; unitId: string | undefined } {
  const actor = actorOf(request);
  if (isStaff(actor)) return { provinceId: actor.provinceId, unitId: asked };
  if (actor.role === 'unit-editor' && actor.unitId) {
    if (asked !== undefined && asked !== actor.unitId) throw errors.forbidden('Chỉ xem được nguồn tin và kết quả đọc cổng của đơn vị mình.');
    return { provinceId: actor.provinceId, unitId: actor.unitId };
  }
  throw errors.forbidden('Nguồn tin và kết quả đọc cổng chỉ dành cho Ban biên tập và biên tập viên của đơn vị.');
}

export const sourceRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  app.get('/api/sources', { schema: listSourcesSchema }, async (request) => {
    const { provinceId, unitId } = unitScope(request, request.query.unitId);
    const portals = await portalSources(db, provinceId, unitId === undefined ? {} : { unitId });
    return { units: portals.map((p) => ({ unitId: p.unitId, name: p.unit, portal: p.portal, categories: p.categories })) };
  });

  app.put('/api/sources', { schema: putSourcesSchema }, async (request) => {
    const actor = actorOf(request);
    if (!isStaff(actor)) throw errors.forbidden('Chỉ Ban biên tập được sửa nguồn tin của các đơn vị.');
    return importSources(db, actor.provinceId, request.body);
  });

  app.get('/api/periods/:period/crawl', { schema: crawlResultsSchema }, async (request) => {
    const { provinceId, unitId } = unitScope(request, request.query.unitId);
    const { period } = request.params;
    const [measured, units] = await Promise.all([measuredForPeriod(db, provinceId, period), listUnits(db, provinceId)]);
    // Registry order, so the page lists units as the notice does.
    return {
      period,
      units: units.flatMap((u) => {
        const m = measured.get(u.id);
        return m && (unitId === undefined || u.id === unitId) ? [{ ...m, unitName: u.name }] : [];
      }),
    };
  });

  app.get('/api/periods/:period/cross-check', { schema: crossCheckSchema }, async (request) => {
    const { provinceId, unitId } = unitScope(request, request.query.unitId);
    const { period } = request.params;
    const units = await crossCheck(db, provinceId, period);
    return { period, units: unitId === undefined ? units : units.filter((u) => u.unitId === unitId) };
  });
};
