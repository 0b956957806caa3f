import { BadRequestException, type INestApplication, UnsupportedMediaTypeException } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';
import { isUtf8 } from 'node:buffer';
import { isWellFormedText } from '../errors/validation';

/**
 * The largest JSON body the API reads. The largest real one, a product with a 5,000-character
 * description and ten 2 KB image URLs, is under 40 KB; signaling payloads travel over the socket.
 */
export const JSON_BODY_LIMIT = '64kb';

/** `/api/...`: the routes with JSON bodies (the web apps' files are served beside them). */
const API_PATH = /^\/api\//;

/** True when `text` is valid percent-encoding of well-formed UTF-8. */
function wellEncoded(text: string): boolean {
  try {
    return isWellFormedText(decodeURIComponent(text));
  } catch {
    return false;
  }
}

/**
 * Refuses, before routing, what no route of ours can read: a path or query string that is not
 * percent-encoded UTF-8 (`%E0%A4%A`, `%FF`, an encoded lone surrogate), which Express would
 * otherwise turn into replacement characters; and, on an API route, a body that is not JSON
 * (forms, multipart, plain text), answered 415.
 */
export function requestEdge(req: Request, _res: Response, next: NextFunction): void {
  const url = req.originalUrl ?? req.url ?? '';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (!wellEncoded(path)) return next(new BadRequestException('The path is not valid percent-encoded UTF-8'));
  if (q >= 0 && !wellEncoded(url.slice(q + 1).replace(/\+/g, ' '))) {
    return next(new BadRequestException('The query string is not valid percent-encoded UTF-8'));
  }
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && API_PATH.test(path) && !req.is(['application/json', '+json'])) {
    return next(new UnsupportedMediaTypeException('Send the body as JSON (Content-Type: application/json)'));
  }
  next();
}

/** A body-parser `verify` hook: the raw bytes of a JSON body must be valid UTF-8. */
function verifyUtf8(_req: unknown, _res: unknown, buf: Buffer): void {
  if (!isUtf8(buf)) {
    // An http-errors-shaped error: Nest answers it with this status and message.
    throw Object.assign(new Error('The request body is not valid UTF-8'), {
      status: 400,
      statusCode: 400,
      expose: true,
    });
  }
}

/**
 * Installs the edge checks and the JSON body parser with its size limit and UTF-8 check
 * (before Nest's default parsers, which then stand aside for JSON). Nesting depth, NUL
 * characters, lone surrogates and prototype keys are refused by `SafeInputPipe`.
 */
export function applyRequestEdge(app: INestApplication): void {
  app.use(requestEdge);
  // Named `jsonParser`, so Nest does not add its default JSON parser after it.
  app.use(json({ limit: JSON_BODY_LIMIT, verify: verifyUtf8 }));
}
