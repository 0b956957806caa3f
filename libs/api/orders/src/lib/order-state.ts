import { ConflictException, ForbiddenException } from '@nestjs/common';
import {
  CUSTOMER_ORDER_TRANSITIONS,
  ORDER_TRANSITIONS,
  type OrderStatus,
  type UserRole,
} from '@callshop/contracts';

/**
 * Refuses a status change the transitions table does not allow: 403 when the change is the
 * shop's to make (a customer may only cancel an order the shop has not confirmed yet), 409 when
 * the order's current status does not lead there.
 */
export function assertOrderTransition(from: OrderStatus, to: OrderStatus, actor: UserRole): void {
  if (actor === 'customer') {
    if (to !== 'cancelled') throw new ForbiddenException(`Only the shop can mark an order ${to}`);
    if (!(CUSTOMER_ORDER_TRANSITIONS[from] ?? []).includes(to))
      throw new ConflictException(`An order that is ${from} can no longer be cancelled; ask the shop`);
    return;
  }
  if (!ORDER_TRANSITIONS[from].includes(to))
    throw new ConflictException(`An order that is ${from} cannot be marked ${to}`);
}
