import { ConflictException, ForbiddenException } from '@nestjs/common';
import { ORDER_STATUSES, ORDER_TRANSITIONS } from '@callshop/contracts';
import { assertOrderTransition } from './order-state';

describe('order transitions', () => {
  it('lets the shop move an order forward and cancel it until it ships', () => {
    expect(() => assertOrderTransition('placed', 'confirmed', 'seller')).not.toThrow();
    expect(() => assertOrderTransition('confirmed', 'shipped', 'seller')).not.toThrow();
    expect(() => assertOrderTransition('shipped', 'delivered', 'seller')).not.toThrow();
    expect(() => assertOrderTransition('confirmed', 'cancelled', 'seller')).not.toThrow();
  });

  it('refuses going back, skipping, and leaving a final status (409)', () => {
    expect(() => assertOrderTransition('shipped', 'confirmed', 'seller')).toThrow(ConflictException);
    expect(() => assertOrderTransition('placed', 'delivered', 'seller')).toThrow(ConflictException);
    expect(() => assertOrderTransition('shipped', 'cancelled', 'seller')).toThrow(
      'An order that is shipped cannot be marked cancelled',
    );
    for (const to of ORDER_STATUSES) {
      expect(() => assertOrderTransition('delivered', to, 'seller')).toThrow(ConflictException);
      expect(() => assertOrderTransition('cancelled', to, 'seller')).toThrow(ConflictException);
    }
  });

  it('lets a customer only cancel, and only a placed order', () => {
    expect(() => assertOrderTransition('placed', 'cancelled', 'customer')).not.toThrow();
    expect(() => assertOrderTransition('confirmed', 'cancelled', 'customer')).toThrow(ConflictException);
    expect(() => assertOrderTransition('placed', 'confirmed', 'customer')).toThrow(ForbiddenException);
  });

  it('has a transitions table whose every target is a known status and final states lead nowhere', () => {
    for (const targets of Object.values(ORDER_TRANSITIONS))
      for (const t of targets) expect(ORDER_STATUSES).toContain(t);
    expect(ORDER_TRANSITIONS.delivered).toEqual([]);
    expect(ORDER_TRANSITIONS.cancelled).toEqual([]);
  });
});
