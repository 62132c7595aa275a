import { existsSync, readFileSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fastifyWebsocket from '@fastify/websocket';
import { MynaError } from '@myna/errors';
import { openDatabase, type StoreDatabase } from '@myna/store';
import Fastify, { type FastifyInstance } from 'fastify';
import { authenticate } from './auth.js';
import { clientErrorHandler, errorHandler } from './errors.js';
import { loggerOptions } from './logging.js';
import { authorityRoutes } from './routes/authority.js';
import { cardRoutes } from './routes/cards.js';
import { counterRoutes } from './routes/counter.js';
import { dauthRoutes } from './routes/dauth.js';
import { eventRoutes } from './routes/events.js';
import { kioskRoutes } from './routes/kiosk.js';
import { phoneRoutes } from './routes/phone.js';
import { resetRoutes } from './routes/reset.js';
import { rpRoutes } from './routes/rp.js';
import { sandboxRoutes } from './routes/sandbox.js';
import { type SessionOptions, sessionRoutes } from './routes/session.js';
import { supportRoutes } from './routes/support.js';
import { type RuntimeOptions, SandboxRuntime } from './runtime.js';
import { ErrorBody } from './schemas.js';
import { ajvOptions, strictQuery } from './validation.js';

export interface ServerOptions {
  /** `sqlite:<path>` or `postgres://…`; default DATABASE_URL, else the embedded SQLite file. */
  readonly databaseUrl?: string;
  /** An already open database (tests; several server instances in one process). */
  readonly db?: StoreDatabase;
  /** Master key (else MYNA_MASTER_KEY or the key file). */
  readonly masterKey?: Uint8Array | string;
  /** Fastify logger (pino) options or false. Request bodies and APDUs are never logged. */
  readonly logger?: boolean | object;
  /** Folder of the built web console (apps/web/dist); served at `/` when it exists. */
  readonly webRoot?: string;
  /** Public base URL written into certificates (OCSP); default from the listening address. */
  readonly publicUrl?: string;
  readonly session?: SessionOptions;
  /** Poll interval of the live event stream. */
  readonly eventPollMs?: number;
  /** Time to receive a whole request (Node's requestTimeout); default 30 s. Streams are not affected. */
  readonly requestTimeoutMs?: number;
  /** Sandboxes kept wired in memory (least recently used go first) and creation limits. */
  readonly runtime?: RuntimeOptions;
}

export interface SandboxServer {
  readonly app: FastifyInstance;
  readonly runtime: SandboxRuntime;
  /** The default sandbox and its API key (created at first start). */
  readonly defaultSandbox: { id: string; apiKey: string };
  close(): Promise<void>;
}

const DEMO_PHOTO = new URL('../../../core/card/assets/demo-photo-0.jp2', import.meta.url);

/**
 * Builds the sandbox server: HTTP API (Fastify + TypeBox; OpenAPI at /openapi.json, browsable at
 * /docs), remote card sessions over WebSocket, the live event stream, the public authority
 * endpoints, and the web console. No rule lives here: routes call the services.
 */
export async function buildServer(opts: ServerOptions = {}): Promise<SandboxServer> {
  const db =
    opts.db ??
    (await openDatabase(opts.databaseUrl, opts.masterKey !== undefined ? { masterKey: opts.masterKey } : {}));
  let publicUrl = opts.publicUrl ?? 'http://127.0.0.1:8080';
  const runtime = new SandboxRuntime(db, { publicUrl: () => publicUrl, ...opts.runtime });
  const defaultSandbox = await runtime.ensureDefault();

  const app = Fastify({
    logger: loggerOptions(opts.logger),
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    bodyLimit: 1 << 20,
    // JSON bodies are not coerced; query strings are read strictly (validation.ts).
    ajv: { customOptions: ajvOptions },
    // A malformed or too long URL, and what Node refuses before routing, answer from the catalog.
    frameworkErrors: (error, req, reply) => errorHandler(error, req, reply),
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorateRequest('sandboxId', '');
  app.addSchema(ErrorBody);
  app.setErrorHandler(errorHandler);
  app.addHook('preValidation', strictQuery);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'myna-sandbox API',
        version: '0.1.0',
        description:
          'A faithful emulation of the My Number Card (マイナンバーカード) and the services around its PINs. Authenticate with the sandbox API key in `x-api-key` (or `Authorization: Bearer`, or `?key=` for EventSource and WebSocket). Errors: docs/reference/errors.md.',
      },
      components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyWebsocket, { options: { maxPayload: 70_000 } });

  // Every /api route needs the sandbox's API key, unless it is marked public.
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0]!;
    if (!path.startsWith('/api/')) return;
    if ((req.routeOptions.config as { public?: boolean } | undefined)?.public) return;
    if (!req.routeOptions.url) return; // unknown route: 404 below
    await authenticate(runtime, req);
  });

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['server'],
        summary: 'Health check / 稼働確認',
        description: 'No API key. 200 when the database answers (load balancers, `serve` scripts).',
        security: [],
        response: { 200: Type.Object({ ok: Type.Literal(true) }), 500: { $ref: 'Error#' } },
      },
    },
    async () => {
      await runtime.server.listSandboxes();
      return { ok: true as const };
    },
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const photo = readFileSync(DEMO_PHOTO);
  await app.register(sandboxRoutes(runtime));
  await app.register(cardRoutes(runtime, () => new Uint8Array(photo)));
  await app.register(eventRoutes(runtime, { ...(opts.eventPollMs ? { pollMs: opts.eventPollMs } : {}) }));
  await app.register(sessionRoutes(runtime, opts.session));
  await app.register(authorityRoutes(runtime));
  await app.register(resetRoutes(runtime));
  await app.register(kioskRoutes(runtime));
  await app.register(counterRoutes(runtime));
  await app.register(supportRoutes(runtime));
  await app.register(rpRoutes(runtime));
  await app.register(phoneRoutes(runtime));
  await app.register(dauthRoutes(runtime, () => publicUrl));

  const webRoot = opts.webRoot;
  const hasConsole = webRoot !== undefined && existsSync(`${webRoot}/index.html`);
  if (hasConsole) {
    // The build writes .br/.gz beside each asset (apps/web/vite.config.ts): sent as they are.
    // Hashed assets never change under their name: cached for a year; index.html is revalidated.
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', consoleCacheControl(path));
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    const forConsole = !path.startsWith('/api/') && !path.startsWith('/s/');
    if (req.method === 'GET' && hasConsole && forConsole && !path.startsWith('/assets/')) {
      // Client-side routes get the console's page (compressed, no-cache like `/`).
      return reply.sendFile('index.html');
    }
    const e = new MynaError('NOT_FOUND');
    return reply.status(404).send(e.toJSON());
  });

  app.addHook('onListen', async () => {
    const addr = app.server.address();
    if (!opts.publicUrl && addr && typeof addr === 'object') {
      const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      publicUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`;
    }
  });

  return {
    app,
    runtime,
    defaultSandbox,
    close: async () => {
      await app.close();
      if (!opts.db) await db.close();
    },
  };
}

/**
 * Cache-Control of a console file: content-hashed build assets (`assets/<name>-<hash>.js`) never
 * change under their name and are cached for a year; everything else (index.html) is revalidated
 * on each load, so a new build shows at once.
 */
function consoleCacheControl(path: string): string {
  return /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
