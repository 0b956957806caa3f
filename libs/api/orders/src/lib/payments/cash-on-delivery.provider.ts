import { Injectable } from '@nestjs/common';
import type { OrderStatus, PaymentStatus } from '@callshop/contracts';
import type { PaymentProvider } from './payment-provider';

/** Cash on delivery: nothing to collect at checkout; paid when delivered, void when cancelled. */
@Injectable()
export class CashOnDeliveryProvider implements PaymentProvider {
  readonly method = 'cash_on_delivery' as const;

  async start(): Promise<PaymentStatus> {
    return 'due';
  }

  async onOrderStatus(
    _order: unknown,
    status: OrderStatus,
    current: PaymentStatus,
  ): Promise<PaymentStatus | null> {
    if (status === 'delivered' && current === 'due') return 'paid';
    if (status === 'cancelled' && current === 'due') return 'void';
    return null;
  }
}
