import { CodedException } from './error-map';

/**
 * A limit was reached: `429` with a `Retry-After` header over REST (set by the exception
 * filter), `RATE_LIMITED` over the socket; the message says when to try again.
 */
export class RateLimitedException extends CodedException {
  /** Whole seconds until the limit lets the next attempt through (at least 1). */
  readonly retryAfterSeconds: number;

  constructor(what: string, retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super(429, 'RATE_LIMITED', `${what}: try again in ${seconds} s`);
    this.retryAfterSeconds = seconds;
  }
}
