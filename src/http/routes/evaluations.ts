import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listEvaluations, setDeductions } from '../../services/review.js';
import { getSelfAssessment, saveSelfAssessment, submitSelfAssessment } from '../../services/self-assessment.js';
import { actorOf, withConfirmedSession } from '../auth.js';
import type { RouteContext } from '../context.js';
import {
  getSelfAssessmentSchema,
  listEvaluationsSchema,
  saveSelfAssessmentSchema,
  setDeductionsSchema,
  submitSelfAssessmentSchema,
} from './evaluations.schema.js';

export const evaluationRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;
  const path = '/api/periods/:period/units/:unitId';

  app.get(`${path}/self-assessment`, { schema: getSelfAssessmentSchema }, async (request) =>
    getSelfAssessment(db, actorOf(request), request.params.period, request.params.unitId),
  );

  app.put(`${path}/self-assessment`, { schema: saveSelfAssessmentSchema, config: { confirmsSession: true } }, async (request) =>
    withConfirmedSession(request, (actor) => saveSelfAssessment(db, actor, request.params.period, request.params.unitId, request.body)),
  );

  app.post(`${path}/self-assessment/submit`, { schema: submitSelfAssessmentSchema }, async (request) =>
    submitSelfAssessment(db, actorOf(request), request.params.period, request.params.unitId, request.body ?? {}),
  );

  app.get('/api/periods/:period/evaluations', { schema: listEvaluationsSchema }, async (request) =>
    listEvaluations(db, actorOf(request), request.params.period),
  );

  app.put(`${path}/deductions`, { schema: setDeductionsSchema }, async (request) =>
    setDeductions(db, actorOf(request), request.params.period, request.params.unitId, request.body),
  );
};
