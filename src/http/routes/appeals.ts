import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appealDeadlineFor, decideAppeal, listAppeals, submitAppeal } from '../../services/appeals.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { appealDeadlineSchema, decideAppealSchema, listAppealsSchema, submitAppealSchema } from './appeals.schema.js';

export const appealRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  app.get('/api/appeals', { schema: listAppealsSchema }, async (request) => {
    const { period, status } = request.query;
    return listAppeals(db, actorOf(request), { ...(period ? { periodId: period } : {}), ...(status ? { status } : {}) });
  });

  app.get('/api/periods/:period/appeal-deadline', { schema: appealDeadlineSchema }, async (request) =>
    appealDeadlineFor(db, actorOf(request), request.params.period),
  );

  app.post('/api/appeals', { schema: submitAppealSchema }, async (request, reply) =>
    reply.status(201).send(await submitAppeal(db, actorOf(request), request.body)),
  );

  app.post('/api/appeals/:appealId/decision', { schema: decideAppealSchema }, async (request) => {
    const { uphold, reason, pointsAfter } = request.body;
    return decideAppeal(db, actorOf(request), request.params.appealId, { uphold, reason, ...(pointsAfter === undefined ? {} : { pointsAfter }) });
  });
};
