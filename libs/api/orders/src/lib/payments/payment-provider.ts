import type { OrderStatus, PaymentMethod, PaymentStatus } from '@callshop/contracts';

/** What a payment provider is told about an order. */
export interface PaymentOrder {
  orderId: string;
  customerId: string;
  shopId: string;
  /** Integer minor units. */
  amount: number;
  currency: string;
}

/**
 * One way to pay. Checkout calls `start()` for each order once its stock is reserved, inside the
 * checkout's transaction: throwing refuses the checkout and releases the stock. A card provider
 * would authorize there (answering `paid` once captured) and refund in `onOrderStatus` on a
 * cancellation. Registered under {@link PAYMENT_PROVIDERS}.
 */
export interface PaymentProvider {
  readonly method: PaymentMethod;
  start(order: PaymentOrder): Promise<PaymentStatus>;
  /** The payment's status once the order reaches `status`; null leaves it as it is. */
  onOrderStatus(
    order: PaymentOrder,
    status: OrderStatus,
    current: PaymentStatus,
  ): Promise<PaymentStatus | null>;
}

/** Injection token: every registered `PaymentProvider`. */
export const PAYMENT_PROVIDERS = Symbol('PAYMENT_PROVIDERS');
