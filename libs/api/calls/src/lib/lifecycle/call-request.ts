import { BadRequestException, ForbiddenException } from '@nestjs/common';
import type { CallType, InitiateCallRequest } from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';

/**
 * A call as the lifecycle takes it: a customer calls a shop about one of its products, or a
 * shop's staff member calls a customer back. Inside the calls library a shop is a shop; the
 * seed's public contract calls it `sellerId`, which {@link callRequestFrom} translates.
 */
export type CallRequest =
  | {
      by: 'customer';
      shopId: string;
      productId: string;
      type: CallType;
      deviceId: string | null;
      /** The customer's booked appointment this call is for. */
      appointmentId?: string | null;
    }
  | {
      by: 'shop';
      shopId: string;
      customerId: string;
      productId: string | null;
      type: CallType;
      deviceId: string | null;
      /** The customer's callback request this call answers. */
      callbackRequestId?: string | null;
    };

/**
 * The one translation of `POST /video-call/initiate` and `call:initiate` bodies: checks that the
 * fields fit the caller's role and names the shop as a shop.
 */
export function callRequestFrom(user: AuthUser, body: InitiateCallRequest): CallRequest {
  const type = body.type ?? 'video';
  const deviceId = body.deviceId ?? null;
  if (user.role === 'customer') {
    if (!body.sellerId || !body.productId) {
      throw new BadRequestException('A customer names the shop (sellerId) and the product (productId)');
    }
    if (body.customerId) throw new BadRequestException('customerId is for sellers calling a customer back');
    if (body.callbackRequestId) {
      throw new BadRequestException('callbackRequestId is for sellers calling a customer back');
    }
    return {
      by: 'customer',
      shopId: body.sellerId,
      productId: body.productId,
      type,
      deviceId,
      appointmentId: body.appointmentId ?? null,
    };
  }
  if (!user.shopId) throw new ForbiddenException('Only staff of a shop can call customers');
  if (body.appointmentId)
    throw new BadRequestException('appointmentId is for customers joining their appointment');
  if (!body.customerId) throw new BadRequestException('A seller names the customer to call (customerId)');
  if (body.sellerId && body.sellerId !== user.shopId) {
    throw new ForbiddenException('You can only call on behalf of your own shop');
  }
  return {
    by: 'shop',
    shopId: user.shopId,
    customerId: body.customerId,
    productId: body.productId ?? null,
    type,
    deviceId,
    callbackRequestId: body.callbackRequestId ?? null,
  };
}
