import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import {
  CALL_CHAT_LIMITS,
  type CallMessageDto,
  type CallProductCard,
  type CallTextPayload,
  type CallProductPayload,
} from '@callshop/contracts';
import { CodedException, RateLimitedException } from '@callshop/api/core';
import type { AuthUser } from '@callshop/api/auth';
import { ProductsService } from '@callshop/api/products';
import { CallsRepository } from '../data/calls.repository';
import type { CallRecord } from '../model/call.mapper';
import { participation } from '../model/call-state';
import { rooms } from '../presence/rooms';
import { CallsNamespace } from '../signaling/calls-namespace';
import { CallMessagesRepository, type NewCallMessage } from './call-messages.repository';

export interface SentMessage {
  message: CallMessageDto;
  /** The same `clientId` was sent before: this is the stored message, pushed nobody anything. */
  duplicate: boolean;
}

/**
 * Chat and product cards inside a call. Only the call's two people send: the customer and the
 * staff member holding the call (a colleague who did not take it, another customer or a
 * stranger is refused), only while it is `accepted`, at most `CALL_CHAT_LIMITS.messagesPerWindow`
 * per user and window (counted per API instance). Cards are the shop's own products. Each
 * message is stored once (`clientId`) and pushed as `call:message` to every device of both.
 * Reading a call's messages is for its parties, as the call itself (a shop's staff all see
 * their shop's history).
 */
@Injectable()
export class CallChat {
  private readonly limiter = new RateLimiterMemory({
    keyPrefix: 'callshop:limit:chat',
    points: CALL_CHAT_LIMITS.messagesPerWindow,
    duration: CALL_CHAT_LIMITS.windowSeconds,
  });

  constructor(
    private readonly calls: CallsRepository,
    private readonly messages: CallMessagesRepository,
    private readonly products: ProductsService,
    private readonly namespace: CallsNamespace,
  ) {}

  async sendText(user: AuthUser, { callId, clientId, text }: CallTextPayload): Promise<SentMessage> {
    const record = await this.holderOf(user, callId);
    await this.take(user.id);
    return this.store(record, user, { kind: 'text', clientId, text, product: null });
  }

  async sendProduct(
    user: AuthUser,
    { callId, clientId, productId }: CallProductPayload,
  ): Promise<SentMessage> {
    const record = await this.holderOf(user, callId);
    if (user.role === 'customer') throw new ForbiddenException('Only the shop sends products into a call');
    await this.take(user.id);
    const product = await this.products.findOrFail(productId);
    if (product.shopId !== record.shopId)
      throw new ForbiddenException("You can only send your own shop's products");
    const card: CallProductCard = {
      id: product.id,
      name: product.name,
      price: product.price,
      currency: product.currency,
      image: product.images?.[0] ?? null,
      stock: product.stock,
    };
    return this.store(record, user, { kind: 'product', clientId, text: null, product: card });
  }

  /** A call's messages, oldest first, for its parties (404 for everyone else). */
  async list(user: AuthUser, callId: string): Promise<CallMessageDto[]> {
    const record = await this.calls.find(callId);
    if (!record || !participation(record, user)) throw new NotFoundException(`Call ${callId} not found`);
    return this.messages.forCall(callId);
  }

  /** The call, if `user` is one of its two people and it is live; refusals in the socket codes. */
  private async holderOf(user: AuthUser, callId: string): Promise<CallRecord> {
    const record = await this.calls.find(callId);
    const party = record && participation(record, user);
    if (!record || !party) throw new NotFoundException(`Call ${callId} not found`);
    if (!party.holder) throw new ForbiddenException('A colleague holds this call');
    if (record.call.status !== 'accepted')
      throw new CodedException(409, 'NOT_IN_CALL', `The call is ${record.call.status}`);
    // Answered customer's calls always have their staff member; a shop's call its caller.
    if (user.role !== 'customer' && record.staffId !== user.id)
      throw new ForbiddenException('A colleague holds this call');
    return record;
  }

  private async take(userId: string): Promise<void> {
    try {
      await this.limiter.consume(userId);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw new RateLimitedException('Too many messages', e.msBeforeNext);
      throw e;
    }
  }

  private async store(
    record: CallRecord,
    user: AuthUser,
    m: Pick<NewCallMessage, 'kind' | 'clientId' | 'text' | 'product'>,
  ): Promise<SentMessage> {
    const result = await this.messages.insert(
      {
        ...m,
        callId: record.call.id,
        senderId: user.id,
        sender: user.role === 'customer' ? 'customer' : 'shop',
      },
      CALL_CHAT_LIMITS.perCall,
    );
    if (result.outcome === 'not-live') throw new CodedException(409, 'NOT_IN_CALL', 'The call is over');
    if (result.outcome === 'full')
      throw new CodedException(
        429,
        'RATE_LIMITED',
        `A call keeps at most ${CALL_CHAT_LIMITS.perCall} messages`,
      );
    const duplicate = result.outcome === 'duplicate';
    if (!duplicate && record.staffId) {
      this.namespace.server
        ?.to([rooms.user(record.customerId), rooms.user(record.staffId)])
        .emit('call:message', { message: result.message });
    }
    return { message: result.message, duplicate };
  }
}
