import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from './config/app.config';
import { createValidationPipe, SafeInputPipe } from './errors/validation';
import { applyRequestEdge } from './http/request-edge';
import { InstanceDrain } from './health/instance-drain.service';
import { RealtimeRedis } from './realtime/realtime-redis';
import { RedisIoAdapter } from './realtime/redis-io.adapter';

/** Nest closes the application on these; `SIGTERM` drains first (see {@link InstanceDrain}). */
const CLOSE_AT_ONCE = ['SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];

export const API_PREFIX = 'api/v2';

/**
 * Everything `main.ts` and the integration tests both set on the application: prefix,
 * compression, validation, security headers, CORS allow-list, the Socket.io adapter (Redis, with
 * `REDIS_URL`, so several instances share rooms and presence), Swagger and graceful shutdown (`SIGTERM` drains to the other instances first).
 */
export function configureApp(app: INestApplication): void {
  const config = app.get(ConfigService).getOrThrow<AppConfig>('app');
  app.useLogger(app.get(Logger));
  // robots.txt and sitemap.xml live at the site's root, like the web apps; so does /metrics, where Prometheus looks.
  // Per-IP limits read the client from X-Forwarded-For only when it comes through a trusted proxy.
  app
    .getHttpAdapter()
    .getInstance()
    .set('trust proxy', config.trustProxy ?? false);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['robots.txt', 'sitemap.xml', 'metrics'] });
  // gzip or brotli, as the client accepts, for every response over 1 KB (scripts, JSON, pages).
  app.use(compression({ threshold: 1024 }));
  // Malformed URLs, non-JSON bodies, oversized or non-UTF-8 JSON: refused before routing.
  applyRequestEdge(app);
  app.useGlobalPipes(new SafeInputPipe(), createValidationPipe());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'media-src': ["'self'", 'blob:', 'data:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'script-src': ["'self'", "'unsafe-inline'"],
          // Served over plain http on a LAN too (phones testing the storefront).
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: config.env === 'production',
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.enableCors({
    origin: (origin: string | undefined, cb: (err: Error | null, allow?: boolean) => void) =>
      cb(null, !origin || config.corsOrigins.includes(origin)),
    credentials: true,
  });
  app.enableShutdownHooks(CLOSE_AT_ONCE);
  app.get(InstanceDrain).closeOnSigterm(app);
  if (config.redisUrl) app.useWebSocketAdapter(new RedisIoAdapter(app, app.get(RealtimeRedis)));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Callshop API')
      .setDescription(
        'Marketplace API: accounts, shops, products, calls and callback requests. ' +
          'Errors share one JSON shape: `{ statusCode, error, message, details? }`. ' +
          'Real-time signaling is a Socket.io namespace `/calls` described in docs/calls-protocol.md.',
      )
      .setVersion('2')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
