import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAudit } from '../../services/audit.js';
import { listMailLog } from '../../services/mail.js';
import { getProvince } from '../../services/provinces.js';
import { updateSettings } from '../../services/settings.js';
import { createUser, listUsers, updateUser } from '../../services/users.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { auditSchema, createUserSchema, mailLogSchema, getSettingsSchema, listUsersSchema, putSettingsSchema, updateUserSchema } from './admin.schema.js';

export const adminRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  app.get('/api/settings', { schema: getSettingsSchema }, async (request) => getProvince(db, actorOf(request).provinceId));

  app.put('/api/settings', { schema: putSettingsSchema }, async (request) => updateSettings(db, actorOf(request), request.body));

  app.get('/api/users', { schema: listUsersSchema }, async (request) => listUsers(db, actorOf(request)));

  app.post('/api/users', { schema: createUserSchema }, async (request, reply) =>
    reply.status(201).send(await createUser(db, actorOf(request), request.body)),
  );

  app.put('/api/users/:userId', { schema: updateUserSchema }, async (request) =>
    updateUser(db, actorOf(request), request.params.userId, request.body),
  );

  app.get('/api/mail-log', { schema: mailLogSchema }, async (request) => {
    const { limit, offset, status } = request.query;
    return listMailLog(db, actorOf(request), status ? { status } : {}, { limit, offset });
  });

  app.get('/api/audit', { schema: auditSchema }, async (request) => listAudit(db, actorOf(request), request.query));
};
