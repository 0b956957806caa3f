import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody } from '@callshop/contracts';

/**
 * The HTTP error inside `error`: Angular resources wrap non-`Error` failures (such as
 * HttpErrorResponse) in an error whose `cause` is the original.
 */
export function httpErrorOf(error: unknown): HttpErrorResponse | null {
  if (error instanceof HttpErrorResponse) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof HttpErrorResponse ? cause : null;
}

/** The API's error body, when `error` is an HTTP error carrying one. */
export function apiErrorBody(err: unknown): ApiErrorBody | null {
  const error = httpErrorOf(err);
  if (!error) return null;
  const body = error.error as Partial<ApiErrorBody> | null;
  return body && typeof body === 'object' && typeof body.message === 'string' ? (body as ApiErrorBody) : null;
}

/** HTTP status of an error, or null when it is not an HTTP error. */
export function errorStatus(error: unknown): number | null {
  return httpErrorOf(error)?.status ?? null;
}

/** A sentence a customer can read for any failed request. */
export function describeError(err: unknown, fallback = 'Something went wrong. Please try again.'): string {
  const error = httpErrorOf(err) ?? err;
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return 'We could not reach Callshop. Check your connection and try again.';
    const body = apiErrorBody(error);
    if (body?.details?.length) {
      return body.details.map((d) => d.messages.join(' ')).join(' ');
    }
    if (body?.message) return body.message;
    if (error.status === 404) return 'We could not find that.';
    if (error.status >= 500) return 'Callshop is having trouble right now. Please try again in a moment.';
    return fallback;
  }
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}
