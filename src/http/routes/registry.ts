import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { unitHistory } from '../../services/history.js';
import { changeGroup, changeUnit, createGroup, createUnit, getUnit, listGroups, listUnits } from '../../services/registry.js';
import { applyGroupListToPeriod, periodListOffers } from '../../services/period-categories.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import {
  applyPeriodListSchema,
  createGroupSchema,
  createUnitSchema,
  getUnitSchema,
  historySchema,
  listGroupsSchema,
  listUnitsSchema,
  periodListsSchema,
  updateGroupSchema,
  updateUnitSchema,
} from './registry.schema.js';

export const registryRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  app.get('/api/units', { schema: listUnitsSchema }, async (request) =>
    listUnits(db, actorOf(request).provinceId, request.query.groupId ? { groupId: request.query.groupId } : {}),
  );

  app.get('/api/units/:unitId', { schema: getUnitSchema }, async (request) =>
    getUnit(db, actorOf(request).provinceId, request.params.unitId),
  );

  app.get('/api/units/:unitId/history', { schema: historySchema }, async (request) =>
    unitHistory(db, actorOf(request), request.params.unitId),
  );

  app.post('/api/units', { schema: createUnitSchema }, async (request, reply) =>
    reply.status(201).send(await createUnit(db, actorOf(request), request.body)),
  );

  app.put('/api/units/:unitId', { schema: updateUnitSchema }, async (request) =>
    changeUnit(db, actorOf(request), request.params.unitId, request.body),
  );

  app.get('/api/groups', { schema: listGroupsSchema }, async (request) => listGroups(db, actorOf(request).provinceId));

  app.post('/api/groups', { schema: createGroupSchema }, async (request, reply) =>
    reply.status(201).send(await createGroup(db, actorOf(request), request.body)),
  );

  app.put('/api/groups/:groupId', { schema: updateGroupSchema }, async (request) =>
    changeGroup(db, actorOf(request), request.params.groupId, request.body),
  );

  app.get('/api/groups/:groupId/period-lists', { schema: periodListsSchema }, async (request) =>
    periodListOffers(db, actorOf(request), request.params.groupId),
  );

  app.post('/api/groups/:groupId/period-lists/:period', { schema: applyPeriodListSchema }, async (request) =>
    applyGroupListToPeriod(db, actorOf(request), request.params.groupId, request.params.period),
  );
};
