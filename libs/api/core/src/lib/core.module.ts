import { Module } from '@nestjs/common';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, Reflector } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import {
  appConfig,
  authConfig,
  callsConfig,
  databaseConfig,
  integrationsConfig,
  rateLimits,
  validateEnv,
} from './config';
import { DatabaseModule } from './database/database.module';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { HealthController } from './health/health.controller';
import { InstanceDrain } from './health/instance-drain.service';
import { RealtimeRedis } from './realtime/realtime-redis';

/** Fields censored wherever they appear, at the top of a log object or one level down. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...[
    'authorization',
    'cookie',
    'password',
    'currentPassword',
    'newPassword',
    'passwordHash',
    'accessToken',
    'token',
    'phoneNumber',
    'email',
    'sdp',
    'candidate',
    'description',
    'signal',
  ].flatMap((key) => [key, `*.${key}`]),
];

/**
 * Configuration (validated at start-up), structured logs, the database, domain events,
 * rate limiting, health checks, graceful draining, the shared Redis connection (with
 * `REDIS_URL`) and the error filter: what every feature module stands on.
 */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validate: validateEnv,
      load: [appConfig, authConfig, databaseConfig, callsConfig, integrationsConfig],
    }),
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>) => ({
        pinoHttp: {
          level: app.logLevel,
          // Requests are logged as method and url only (serializers below); should a header,
          // a body or a payload ever reach a log line, these never do (docs/security.md).
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          autoLogging: {
            ignore: (req) => !(req.url ?? '').startsWith('/api/') || req.url!.startsWith('/api/v2/health'),
          },
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          transport:
            app.env === 'development' && process.stdout.isTTY
              ? { target: 'pino-pretty', options: { singleLine: true } }
              : undefined,
        },
      }),
    }),
    DatabaseModule,
    EventEmitterModule.forRoot({ wildcard: false }),
    ThrottlerModule.forRootAsync({
      inject: [appConfig.KEY, Reflector],
      useFactory: rateLimits,
    }),
    TerminusModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    RealtimeRedis,
    InstanceDrain,
  ],
  exports: [RealtimeRedis, InstanceDrain],
})
export class CoreModule {}
