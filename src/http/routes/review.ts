import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { acceptAllProposals, changeReview, getPeriodReview, recordFinding, withdrawFinding } from '../../services/review-results.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { acceptAllSchema, changeReviewSchema, findingSchema, periodReviewSchema, withdrawFindingSchema } from './review.schema.js';

export const reviewRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;
  const unitPath = '/api/periods/:period/units/:unitId';

  app.get('/api/periods/:period/review', { schema: periodReviewSchema }, async (request) =>
    getPeriodReview(db, actorOf(request), request.params.period),
  );

  app.put(`${unitPath}/review`, { schema: changeReviewSchema }, async (request) =>
    changeReview(db, actorOf(request), request.params.period, request.params.unitId, request.body),
  );

  app.put(`${unitPath}/finding`, { schema: findingSchema }, async (request) =>
    recordFinding(db, actorOf(request), request.params.period, request.params.unitId, request.body),
  );

  app.post(`${unitPath}/finding/withdraw`, { schema: withdrawFindingSchema }, async (request) =>
    withdrawFinding(db, actorOf(request), request.params.period, request.params.unitId, request.body),
  );

  app.post('/api/periods/:period/proposals/accept-all', { schema: acceptAllSchema }, async (request) =>
    acceptAllProposals(db, actorOf(request), request.params.period, request.body),
  );
};
