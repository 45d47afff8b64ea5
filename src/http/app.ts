/**
 * The web server: the JSON API under /api (validated by zod, documented by OpenAPI), sessions in
 * the database, and the built front end (web/dist) with its single-page fallback.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../db/connection.js';
import { errors } from '../errors.js';
import { registerAuthentication } from './auth.js';
import type { RouteContext } from './context.js';
import { handleError } from './errors.js';
import { databaseStore } from './rate-limit-store.js';
import { adminRoutes } from './routes/admin.js';
import { appealRoutes } from './routes/appeals.js';
import { authRoutes } from './routes/auth.js';
import { evaluationRoutes } from './routes/evaluations.js';
import { paknRoutes } from './routes/pakn.js';
import { periodRoutes } from './routes/periods.js';
import { registryRoutes } from './routes/registry.js';
import { reportRoutes } from './routes/reports.js';
import { ruleRoutes } from './routes/rules.js';
import { sourceRoutes } from './routes/sources.js';

export const DEFAULT_WEB_ROOT = new URL('../../web/dist/', import.meta.url).pathname;

export interface AppOptions {
  db: DatabaseHandle;
  /** Directory of the built front end; its index.html answers every non-API GET. */
  webRoot?: string;
  /** pino options, true for defaults, false (default) for silence. */
  logger?: boolean | object;
  /** Login attempts per client address and window; false disables the limit. */
  rateLimit?: { max: number; timeWindowMs: number } | false;
  /** Largest JSON body and largest uploaded file, in bytes. */
  limits?: { bodyBytes?: number; uploadBytes?: number };
  /** Secure cookies (behind TLS). */
  cookieSecure?: boolean;
  /** Take the client's address from X-Forwarded-For: only behind a load balancer that sets it. */
  trustProxy?: boolean;
}

const DEFAULT_LOGIN_LIMIT = { max: 10, timeWindowMs: 15 * 60 * 1000 };
const DEFAULT_BODY_BYTES = 1024 * 1024;
const DEFAULT_UPLOAD_BYTES = 10 * 1024 * 1024;

const REDACT = ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const logger: FastifyServerOptions['logger'] =
    options.logger === undefined || options.logger === false
      ? false
      : { redact: REDACT, ...(typeof options.logger === 'object' ? options.logger : {}) };
  const app = Fastify({
    logger,
    bodyLimit: options.limits?.bodyBytes ?? DEFAULT_BODY_BYTES,
    // Off unless a proxy sets the header: clients could otherwise pick their address and escape the login limit.
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: options.limits?.uploadBytes ?? DEFAULT_UPLOAD_BYTES, files: 1, fields: 10 },
    throwFileSizeLimit: true,
  });
  const limit = options.rateLimit === undefined ? DEFAULT_LOGIN_LIMIT : options.rateLimit;
  await app.register(fastifyRateLimit, {
    global: false,
    store: databaseStore(options.db.db),
    errorResponseBuilder: () => errors.rateLimited(),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'portal-scorecard API',
        description: 'Chấm điểm mức độ cập nhật thông tin trên Cổng TTĐT: kỳ đánh giá, tự đánh giá, rà soát, công bố.',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ps_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.addHook('onRoute', (route) => {
    // The explorer's own pages are public, like the document they show.
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), public: true };
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  registerAuthentication(app, options.db);

  const context: RouteContext = {
    handle: options.db,
    cookies: { secure: options.cookieSecure ?? false },
    loginLimit: limit === false ? null : { max: limit.max, timeWindow: limit.timeWindowMs },
  };
  await app.register(authRoutes, context);
  await app.register(periodRoutes, context);
  await app.register(evaluationRoutes, context);
  await app.register(registryRoutes, context);
  await app.register(adminRoutes, context);
  await app.register(ruleRoutes, context);
  await app.register(paknRoutes, context);
  await app.register(sourceRoutes, context);
  await app.register(appealRoutes, context);
  await app.register(reportRoutes, context);

  await registerFrontEnd(app, options.webRoot ?? DEFAULT_WEB_ROOT);
  return app;
}

/** Serves the built front end; unknown /api paths answer 404 in the API's error shape. */
async function registerFrontEnd(app: FastifyInstance, webRoot: string): Promise<void> {
  const hasIndex = existsSync(join(webRoot, 'index.html'));
  // Files are looked up per request (wildcard), so a rebuilt bundle is served without a restart.
  if (hasIndex) await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Pages of the single-page app get index.html; a missing file (a script, an image) is a 404.
    const isPage = request.method === 'GET' && !path.startsWith('/api/') && path !== '/api' && !/\.[a-z0-9]+$/i.test(path);
    if (!hasIndex || !isPage) throw errors.notFound('đường dẫn');
    void reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
