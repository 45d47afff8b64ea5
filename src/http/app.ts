/**
 * The web server: the JSON API under /api (validated by zod, documented by OpenAPI), sessions in
 * the database, and the built front end (web/dist) with its single-page fallback.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import helmet from 'helmet';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../db/connection.js';
import { hasControlCharacters } from '../domain/limits.js';
import { errors } from '../errors.js';
import { DEFAULT_LOGIN_LIMITS } from '../services/auth.js';
import { registerAuthentication } from './auth.js';
import type { RouteContext } from './context.js';
import { handleError } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { appealRoutes } from './routes/appeals.js';
import { authRoutes } from './routes/auth.js';
import { evaluationRoutes } from './routes/evaluations.js';
import { paknRoutes } from './routes/pakn.js';
import { periodRoutes } from './routes/periods.js';
import { registryRoutes } from './routes/registry.js';
import { reportRoutes } from './routes/reports.js';
import { reviewRoutes } from './routes/review.js';
import { ruleRoutes } from './routes/rules.js';
import { sourceRoutes } from './routes/sources.js';

export const DEFAULT_WEB_ROOT = new URL('../../web/dist/', import.meta.url).pathname;

export interface AppOptions {
  db: DatabaseHandle;
  /** Directory of the built front end; its index.html answers every non-API GET. */
  webRoot?: string;
  /** pino options, true for defaults, false (default) for silence. */
  logger?: boolean | object;
  /**
   * Failed logins of one account from one address per window (the address allows five times as
   * many over all accounts; the account from anywhere then backs off); false disables the limits.
   */
  rateLimit?: { max: number; timeWindowMs: number } | false;
  /** Largest JSON body and largest uploaded file, in bytes. */
  limits?: { bodyBytes?: number; uploadBytes?: number };
  /** Secure cookies (behind TLS). */
  cookieSecure?: boolean;
  /**
   * Proxies in front of the app that append to X-Forwarded-For (0: none, the socket's address is
   * the client's). The client address is the one that many hops back, so a client cannot choose
   * its own address by sending the header.
   */
  trustProxyHops?: number;
}

const DEFAULT_LOGIN_LIMIT = { max: 5, timeWindowMs: 15 * 60 * 1000 };
const DEFAULT_BODY_BYTES = 1024 * 1024;
const DEFAULT_UPLOAD_BYTES = 10 * 1024 * 1024;

const REDACT = ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

/** A "." or ".." segment in the path, however it is encoded. */
function hasDotSegment(path: string): boolean {
  let decoded = path;
  // Twice: %252e%252e decodes to %2e%2e, then to "..".
  for (let i = 0; i < 2; i += 1) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      return true;
    }
  }
  return decoded.split(/[\\/]/).some((segment) => segment === '.' || segment === '..');
}

const PART_NAMES = { body: 'nội dung', query: 'tham số', params: 'đường dẫn' } as const;

function containsControlCharacters(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return hasControlCharacters(value);
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value)) return false;
  return Object.entries(value).some(([key, inner]) => hasControlCharacters(key) || containsControlCharacters(inner, depth + 1));
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const logger: FastifyServerOptions['logger'] =
    options.logger === undefined || options.logger === false
      ? false
      : { redact: REDACT, ...(typeof options.logger === 'object' ? options.logger : {}) };
  const hops = options.trustProxyHops ?? 0;
  const app = Fastify({
    logger,
    bodyLimit: options.limits?.bodyBytes ?? DEFAULT_BODY_BYTES,
    // Off unless a proxy sets the header: clients could otherwise pick their address and escape the login limit.
    trustProxy: hops > 0 ? (_address: string, hop: number) => hop < hops : false,
    // A path that does not even decode (/%c0%ae%c0%ae/…) is a path trick too: 404 in our shape.
    frameworkErrors: (error, _request, reply) => {
      const known = error.code === 'FST_ERR_BAD_URL' ? errors.notFound('đường dẫn') : errors.validation(`Yêu cầu không hợp lệ: ${error.message}`);
      void (reply as unknown as FastifyReply).status(known.status).send({ error: { code: known.code, message: known.message } });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // Control characters (NUL first: PostgreSQL text cannot hold it) are refused before any route
  // sees the request, on every route and both databases alike.
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [['body', request.body], ['query', request.query], ['params', request.params]] as const) {
      if (containsControlCharacters(value)) throw errors.validation(`Dữ liệu gửi lên (${PART_NAMES[part]}) chứa ký tự điều khiển (như NUL) không hợp lệ.`);
    }
  });

  // Path tricks (/%2e%2e/%2e%2e/etc/passwd, ..%2f) never reach a route or the static files.
  app.addHook('onRequest', async (request) => {
    if (hasDotSegment(request.url.split('?')[0] ?? '')) throw errors.notFound('đường dẫn');
  });
  // helmet's middleware is built once, here: @fastify/helmet built it again for every request,
  // parsing the policy each time (under a crowd of saves at the deadline, setting the headers was
  // 4.3% of the server's time that way and is 1.7% now; bench/scale.ts, profiled).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles into <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // The publish dialog shows the notice's PDF preview from a blob: URL in a frame.
        frameSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()));
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: options.limits?.uploadBytes ?? DEFAULT_UPLOAD_BYTES, files: 1, fields: 10 },
    throwFileSizeLimit: true,
  });
  const limit = options.rateLimit === undefined ? DEFAULT_LOGIN_LIMIT : options.rateLimit;
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
    loginLimits:
      limit === false
        ? null
        : { ...DEFAULT_LOGIN_LIMITS, windowMs: limit.timeWindowMs, perAddressAccount: limit.max, perAddress: limit.max * 5, accountFree: limit.max },
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
  await app.register(reviewRoutes, context);

  await registerFrontEnd(app, options.webRoot ?? DEFAULT_WEB_ROOT);
  return app;
}

/** Serves the built front end; unknown /api paths answer 404 in the API's error shape. */
async function registerFrontEnd(app: FastifyInstance, webRoot: string): Promise<void> {
  const hasIndex = existsSync(join(webRoot, 'index.html'));
  // Files are looked up per request (wildcard), so a rebuilt bundle is served without a restart.
  if (hasIndex) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: ['index.html'],
      // The build writes .br and .gz beside each file (web/vite.config.ts); they are sent as is.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (response, path) => {
        // Files under assets/ carry a hash of their content in their name: a new version is a new
        // name, so a browser keeps them for a year without asking. index.html names the current
        // ones and is revalidated on every visit (a 304 when unchanged).
        response.setHeader('cache-control', isHashedAsset(webRoot, path) ? 'public, max-age=31536000, immutable' : 'no-cache');
        // Each file may go out brotli, gzip or plain by the request's Accept-Encoding: a cache between
        // must keep them apart (the plugin does not say so itself).
        response.setHeader('vary', 'Accept-Encoding');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Pages of the single-page app get index.html; a missing file (a script, an image) is a 404.
    const isPage = request.method === 'GET' && !path.startsWith('/api/') && path !== '/api' && !/\.[a-z0-9]+$/i.test(path);
    if (!hasIndex || !isPage) throw errors.notFound('đường dẫn');
    void reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}

/** Vite puts content-hashed files, and only those, under assets/. */
function isHashedAsset(webRoot: string, path: string): boolean {
  return relative(webRoot, path).split(sep)[0] === 'assets';
}
