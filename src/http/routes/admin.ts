import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isAdmin } from '../../domain/access.js';
import { errors } from '../../errors.js';
import { updateSettings } from '../../services/administration.js';
import { listAudit } from '../../services/audit.js';
import { getProvince } from '../../services/provinces.js';
import { createUser, listUsers, updateUser } from '../../services/users.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { auditSchema, createUserSchema, getSettingsSchema, listUsersSchema, putSettingsSchema, updateUserSchema } from './admin.schema.js';

/** A date alone as the upper bound means the whole of that day. */
const endOfDay = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value);

export const adminRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;
  const admin = (request: Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(request);
    if (!isAdmin(actor)) throw errors.forbidden('Chỉ quản trị viên được xem và sửa mục này.');
    return actor;
  };

  app.get('/api/settings', { schema: getSettingsSchema }, async (request) => getProvince(db, actorOf(request).provinceId));

  app.put('/api/settings', { schema: putSettingsSchema }, async (request) => updateSettings(db, actorOf(request), request.body));

  app.get('/api/users', { schema: listUsersSchema }, async (request) => listUsers(db, admin(request).provinceId));

  app.post('/api/users', { schema: createUserSchema }, async (request, reply) =>
    reply.status(201).send(await createUser(db, admin(request), request.body)),
  );

  app.put('/api/users/:userId', { schema: updateUserSchema }, async (request) =>
    updateUser(db, admin(request), request.params.userId, request.body),
  );

  app.get('/api/audit', { schema: auditSchema }, async (request) => {
    const { limit, offset, to, ...filter } = request.query;
    return listAudit(db, admin(request).provinceId, { ...filter, ...(to ? { to: endOfDay(to) } : {}) }, { limit, offset });
  });
};
