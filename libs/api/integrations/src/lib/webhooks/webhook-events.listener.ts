import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CallbackRequestedEvent, CallEndedEvent, CallStartedEvent } from '@callshop/api/calls';
import { OrderPlacedEvent } from '@callshop/api/orders';
import { WebhookPublisher } from './webhook-publisher';

/**
 * The calls library's domain events, as the shop's webhooks see them: `call.started` when a
 * call starts ringing, `call.missed` when one ends unanswered (nobody took it in time, or
 * nobody was online), `call.ended` for every other end (hung up, declined, cancelled, failed),
 * `callback.requested` for a new callback request (with the customer's number), `order.placed`
 * for each shop's order of a checkout. `data` is the call, the callback request or the order as
 * the REST API shows it to the shop.
 */
@Injectable()
export class WebhookEventsListener {
  constructor(private readonly publisher: WebhookPublisher) {}

  @OnEvent(CallStartedEvent.NAME, { async: true, promisify: true })
  onCallStarted(e: CallStartedEvent): Promise<void> {
    return this.publisher.publish(e.record.shopId, 'call.started', e.record.call);
  }

  @OnEvent(CallEndedEvent.NAME, { async: true, promisify: true })
  onCallEnded(e: CallEndedEvent): Promise<void> {
    return this.publisher.publish(
      e.record.shopId,
      e.status === 'missed' ? 'call.missed' : 'call.ended',
      e.record.call,
    );
  }

  @OnEvent(CallbackRequestedEvent.NAME, { async: true, promisify: true })
  onCallbackRequested(e: CallbackRequestedEvent): Promise<void> {
    return this.publisher.publish(e.shopId, 'callback.requested', e.callback);
  }

  @OnEvent(OrderPlacedEvent.NAME, { async: true, promisify: true })
  onOrderPlaced(e: OrderPlacedEvent): Promise<void> {
    return this.publisher.publish(e.order.shop.id, 'order.placed', e.order);
  }
}
