import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { canListPeriod } from '../../domain/access.js';
import { errors } from '../../errors.js';
import { type Appeal, appealDeadlineFor, decideAppeal, listAppeals, submitAppeal } from '../../services/appeals.js';
import type { Db } from '../../db/connection.js';
import { getPeriod } from '../../services/periods.js';
import { listUnits } from '../../services/registry.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { appealDeadlineSchema, decideAppealSchema, listAppealsSchema, submitAppealSchema } from './appeals.schema.js';

/** Shapes appeals with their unit's name, which the service leaves to its callers. */
async function appealPresenter(db: Db, provinceId: string) {
  const names = new Map((await listUnits(db, provinceId)).map((u) => [u.id, u.name]));
  return (a: Appeal) => ({ ...a, unitName: names.get(a.unitId) ?? '' });
}

export const appealRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  app.get('/api/appeals', { schema: listAppealsSchema }, async (request) => {
    const actor = actorOf(request);
    const { period, status } = request.query;
    const list = await listAppeals(db, actor, { ...(period ? { periodId: period } : {}), ...(status ? { status } : {}) });
    return list.map(await appealPresenter(db, actor.provinceId));
  });

  app.get('/api/periods/:period/appeal-deadline', { schema: appealDeadlineSchema }, async (request) => {
    const actor = actorOf(request);
    const period = await getPeriod(db, actor.provinceId, request.params.period);
    // An unpublished period has no appeal window; a viewer learns nothing of its existence.
    if (!canListPeriod(actor, period.status)) throw errors.notFound(`kỳ ${period.id}`);
    return { period: period.id, deadline: await appealDeadlineFor(db, actor.provinceId, period.id) };
  });

  app.post('/api/appeals', { schema: submitAppealSchema }, async (request, reply) => {
    const actor = actorOf(request);
    const appeal = await submitAppeal(db, actor, request.body);
    return reply.status(201).send((await appealPresenter(db, actor.provinceId))(appeal));
  });

  app.post('/api/appeals/:appealId/decision', { schema: decideAppealSchema }, async (request) => {
    const actor = actorOf(request);
    const { uphold, reason, pointsAfter } = request.body;
    const appeal = await decideAppeal(db, actor, request.params.appealId, { uphold, reason, ...(pointsAfter === undefined ? {} : { pointsAfter }) });
    return (await appealPresenter(db, actor.provinceId))(appeal);
  });
};
