import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isAdmin, isStaff } from '../../domain/access.js';
import { DEFAULT_RULE_SET, type RuleSet } from '../../domain/rules.js';
import { todayInVietnam } from '../../domain/text.js';
import { errors } from '../../errors.js';
import { decideProposals, proposalsForPeriod } from '../../services/proposals.js';
import { createRuleSet, listRuleSets, ruleSetOn } from '../../services/rules.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { createRuleSetSchema, decideProposalsSchema, listRulesSchema, proposalsSchema } from './rules.schema.js';

const presentRuleSet = (set: RuleSet, inForce: RuleSet) => ({ ...set, inForce: set.id === inForce.id });

export const ruleRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  // Every role reads the rules: a unit's score is explained by them.
  app.get('/api/rules', { schema: listRulesSchema }, async (request) => {
    const { provinceId } = actorOf(request);
    const today = todayInVietnam();
    const [sets, inForce] = await Promise.all([listRuleSets(db, provinceId), ruleSetOn(db, provinceId, today)]);
    // The defaults apply before the board's first rule set, so they head the list.
    return { today, ruleSets: [DEFAULT_RULE_SET, ...sets].map((s) => presentRuleSet(s, inForce)) };
  });

  app.post('/api/rules', { schema: createRuleSetSchema }, async (request, reply) => {
    const actor = actorOf(request);
    if (!isAdmin(actor)) throw errors.forbidden('Chỉ quản trị viên được đặt bộ quy tắc chấm điểm.');
    const created = await createRuleSet(db, actor, request.body);
    const inForce = await ruleSetOn(db, actor.provinceId, todayInVietnam());
    return reply.status(201).send(presentRuleSet(created, inForce));
  });

  app.get('/api/periods/:period/proposals', { schema: proposalsSchema }, async (request) => {
    const actor = actorOf(request);
    if (!isStaff(actor)) throw errors.forbidden('Chỉ Ban biên tập xem các đề xuất trừ điểm.');
    return proposalsForPeriod(db, actor.provinceId, request.params.period);
  });

  app.post('/api/periods/:period/units/:unitId/proposals', { schema: decideProposalsSchema }, async (request) =>
    decideProposals(db, actorOf(request), request.params.period, request.params.unitId, request.body.decisions),
  );
};
