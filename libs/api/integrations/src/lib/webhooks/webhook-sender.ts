import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isForbiddenAddress, publicOnlyLookup } from './webhook-target';

/** At most this much of an endpoint's answer is read; the rest is cut off (the status is what counts). */
export const WEBHOOK_RESPONSE_LIMIT = 64 * 1024;

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
}

export interface WebhookResponse {
  /** The HTTP status, or null when there was no answer. */
  status: number | null;
  durationMs: number;
  /** Why there was no usable answer (time-out, refused address, network error, oversized answer). */
  error: string | null;
}

/**
 * POSTs one delivery, never following redirects, giving up after `timeoutMs` (for the whole
 * exchange, answer included) and reading at most {@link WEBHOOK_RESPONSE_LIMIT} bytes of the
 * answer. Outside development, the connection goes only to public addresses, checked at connect
 * time ({@link publicOnlyLookup}).
 */
export function sendWebhook(req: WebhookRequest): Promise<WebhookResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(req.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  // An address written in the URL is connected to without a lookup: check it here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!req.allowPrivate && isIP(literal) && isForbiddenAddress(literal)) {
    return Promise.resolve({
      status: null,
      durationMs: 0,
      error: `refused: ${literal} is a private address`,
    });
  }
  return new Promise<WebhookResponse>((resolve) => {
    let settled = false;
    const finish = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ status, durationMs: elapsed(), error });
    };
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...req.headers, 'Content-Length': String(Buffer.byteLength(req.body)) },
        lookup: req.allowPrivate ? undefined : publicOnlyLookup,
        agent: false,
      },
      (response: IncomingMessage) => {
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > WEBHOOK_RESPONSE_LIMIT) {
            finish(
              response.statusCode ?? null,
              `answer larger than ${WEBHOOK_RESPONSE_LIMIT} bytes, cut off`,
            );
            request.destroy();
          }
        });
        response.on('end', () => finish(response.statusCode ?? null, null));
        response.on('error', (e) => finish(response.statusCode ?? null, e.message));
      },
    );
    const timer = setTimeout(() => {
      finish(null, `no answer within ${req.timeoutMs} ms`);
      request.destroy();
    }, req.timeoutMs);
    request.on('error', (e) => finish(null, e.message.slice(0, 300)));
    request.end(req.body);
  });
}
