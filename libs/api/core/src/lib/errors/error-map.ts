import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';
import type { FieldError, SocketErrorCode } from '@callshop/contracts';
import { RequestValidationException } from './validation';

/** A refusal whose socket code is more precise than its HTTP status (e.g. `NOT_IN_CALL`, a 409). */
export class CodedException extends HttpException {
  constructor(
    status: number,
    readonly code: SocketErrorCode,
    message: string,
  ) {
    super(message, status);
  }
}

/** An error as clients see it, over REST (`status`) and over the socket (`code`). */
export interface DescribedError {
  status: number;
  error: string;
  code: SocketErrorCode;
  message: string;
  details?: FieldError[];
}

const CODES: Record<number, SocketErrorCode> = {
  400: 'INVALID_PAYLOAD',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/** PostgreSQL error codes that mean the request, not the server, was wrong. */
const PG_CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  '23505': { status: HttpStatus.CONFLICT, message: 'A record with these values already exists' },
  '23503': { status: HttpStatus.CONFLICT, message: 'A referenced record does not exist or is still in use' },
  '22P02': { status: HttpStatus.BAD_REQUEST, message: 'A value has the wrong format' },
  '22001': { status: HttpStatus.BAD_REQUEST, message: 'A value is too long' },
  '22003': { status: HttpStatus.BAD_REQUEST, message: 'A number is out of range' },
  '23514': { status: HttpStatus.BAD_REQUEST, message: 'A value is not allowed' },
  '22007': { status: HttpStatus.BAD_REQUEST, message: 'A date or time has the wrong format' },
  '22008': { status: HttpStatus.BAD_REQUEST, message: 'A date or time is out of range' },
  '22021': { status: HttpStatus.BAD_REQUEST, message: 'A text contains a character that cannot be stored' },
  '22P05': { status: HttpStatus.BAD_REQUEST, message: 'A text contains a character that cannot be stored' },
  '23502': { status: HttpStatus.BAD_REQUEST, message: 'A required value is missing' },
  '22023': { status: HttpStatus.BAD_REQUEST, message: 'A value is not allowed' },
  '22P03': { status: HttpStatus.BAD_REQUEST, message: 'A value has the wrong format' },
  '2201B': { status: HttpStatus.BAD_REQUEST, message: 'A pattern is not valid' },
  '54001': { status: HttpStatus.BAD_REQUEST, message: 'A value is too complex' },
};

const UNEXPECTED = { status: 500, message: 'Something went wrong on our side' };

function described(status: number, message: string, code?: SocketErrorCode): DescribedError {
  return {
    status,
    error: STATUS_CODES[status] ?? 'Error',
    code: code ?? CODES[status] ?? 'INTERNAL',
    message,
  };
}

/**
 * The one map from what went wrong to what a client is told, used by the REST exception
 * filter and by the socket acknowledgements alike. `expected` is false for a server fault
 * (answered 500 / INTERNAL), which the caller logs.
 */
export function describeError(exception: unknown): DescribedError & { expected: boolean } {
  if (exception instanceof RequestValidationException) {
    return { ...described(400, exception.message), details: exception.details, expected: true };
  }
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    let message = exception.message;
    if (typeof response === 'object' && response && 'message' in response) {
      const m = (response as { message: unknown }).message;
      message = Array.isArray(m) ? m.join('; ') : String(m);
    }
    const code = exception instanceof CodedException ? exception.code : undefined;
    const status = exception.getStatus();
    return { ...described(status, message, code), expected: status < 500 };
  }
  if (exception instanceof QueryFailedError) {
    const known = PG_CLIENT_ERRORS[(exception.driverError as { code?: string } | undefined)?.code ?? ''];
    if (known) return { ...described(known.status, known.message), expected: true };
  }
  // Body-parser errors (malformed JSON, too large) carry their own 4xx status.
  const status = (exception as { status?: number } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = status === 413 ? 'Request body is too large' : 'Malformed request body';
    return { ...described(status, message), expected: true };
  }
  return { ...described(UNEXPECTED.status, UNEXPECTED.message), expected: false };
}
