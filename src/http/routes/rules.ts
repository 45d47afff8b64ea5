import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decideProposals, proposalsForPeriod } from '../../services/proposals.js';
import { createRuleSet, listRules } from '../../services/rules.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { createRuleSetSchema, decideProposalsSchema, listRulesSchema, proposalsSchema } from './rules.schema.js';

export const ruleRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  app.get('/api/rules', { schema: listRulesSchema }, async (request) => listRules(db, actorOf(request)));

  app.post('/api/rules', { schema: createRuleSetSchema }, async (request, reply) =>
    reply.status(201).send(await createRuleSet(db, actorOf(request), request.body)),
  );

  app.get('/api/periods/:period/proposals', { schema: proposalsSchema }, async (request) =>
    proposalsForPeriod(db, actorOf(request), request.params.period),
  );

  app.post('/api/periods/:period/units/:unitId/proposals', { schema: decideProposalsSchema }, async (request) =>
    decideProposals(db, actorOf(request), request.params.period, request.params.unitId, request.body.decisions),
  );
};
