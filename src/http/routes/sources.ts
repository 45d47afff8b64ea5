import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loadConfig } from '../../config.js';
import { crawlResults, crossCheck } from '../../services/crawl.js';
import { trySource } from '../../services/source-trial.js';
import { importSources, listSources } from '../../services/sources.js';
import { actorOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { crawlResultsSchema, crossCheckSchema, listSourcesSchema, putSourcesSchema, trySourceSchema } from './sources.schema.js';

export const sourceRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle }) => {
  const { db } = handle;

  app.get('/api/sources', { schema: listSourcesSchema }, async (request) => listSources(db, actorOf(request), request.query));

  app.put('/api/sources', { schema: putSourcesSchema }, async (request) => importSources(db, actorOf(request), request.body));

  app.post('/api/sources/test', { schema: trySourceSchema }, async (request) =>
    trySource(db, actorOf(request), request.body, { contact: loadConfig().CRAWLER_CONTACT }),
  );

  app.get('/api/periods/:period/crawl', { schema: crawlResultsSchema }, async (request) =>
    crawlResults(db, actorOf(request), request.params.period, request.query),
  );

  app.get('/api/periods/:period/cross-check', { schema: crossCheckSchema }, async (request) =>
    crossCheck(db, actorOf(request), request.params.period, request.query),
  );
};
