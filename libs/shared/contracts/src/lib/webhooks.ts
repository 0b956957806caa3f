/**
 * Events a shop's webhook endpoints can subscribe to. A new event (e.g. `order.placed` from the
 * orders feature) is one more name here and one `WebhookPublisher.publish()` call where it
 * happens; endpoints only receive the events they picked, so adding one changes nothing for them.
 */
export const WEBHOOK_EVENTS = [
  'call.started',
  'call.ended',
  'call.missed',
  'callback.requested',
  'order.placed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Limits of the webhook settings. */
export const WEBHOOK_LIMITS = {
  endpointsPerShop: 10,
  urlMax: 2048,
  descriptionMax: 200,
} as const;

/** What an endpoint receives: the JSON body of every delivery. */
export interface WebhookEventEnvelope<T = unknown> {
  /** The event's id: the same in every delivery and redelivery of it (deduplicate on it). */
  id: string;
  type: WebhookEventType;
  /** When the event happened (ISO 8601). */
  createdAt: string;
  shopId: string;
  data: T;
}

export interface WebhookEndpointDto {
  id: string;
  url: string;
  description: string | null;
  events: WebhookEventType[];
  enabled: boolean;
  createdAt: string;
}

/** The answer to creating an endpoint: the only time its signing secret is shown. */
export interface CreatedWebhookEndpointDto extends WebhookEndpointDto {
  secret: string;
}

export interface CreateWebhookEndpointRequest {
  url: string;
  events: WebhookEventType[];
  description?: string;
}

export interface UpdateWebhookEndpointRequest {
  url?: string;
  events?: WebhookEventType[];
  description?: string | null;
  enabled?: boolean;
}

/** `pending`: queued or waiting for a retry; `delivered`: a 2xx answer; `failed`: out of retries or refused. */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One try at delivering an event: the endpoint's answer, or why there was none. */
export interface WebhookAttemptDto {
  at: string;
  /** The HTTP status the endpoint answered; null when it did not (time-out, refused address, network). */
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
}

export interface WebhookDeliveryDto {
  id: string;
  eventId: string;
  event: WebhookEventType;
  status: WebhookDeliveryStatus;
  createdAt: string;
  deliveredAt: string | null;
  /** The delivery this one redelivers, if it is a redelivery. */
  redeliveryOf: string | null;
  attempts: WebhookAttemptDto[];
}
