import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiErrorBody } from '@callshop/contracts';
import { describeError } from './error-map';
import { RateLimitedException } from './rate-limited.exception';

/** Gives every error the same JSON shape; unexpected errors are logged and answered 500. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const { status, error, message, details, expected } = describeError(exception);
    const body: ApiErrorBody = { statusCode: status, error, message, ...(details ? { details } : {}) };
    body.path = req.originalUrl ?? req.url;
    body.timestamp = new Date().toISOString();
    if (!expected) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    if (res.headersSent) return;
    if (exception instanceof RateLimitedException) res.setHeader('Retry-After', exception.retryAfterSeconds);
    res.status(body.statusCode).json(body);
  }
}
