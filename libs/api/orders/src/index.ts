export * from './lib/orders.module';
export * from './lib/orders.service';
export * from './lib/cart.service';
export * from './lib/order.entity';
export * from './lib/order-item.entity';
export * from './lib/cart-item.entity';
export * from './lib/payments/payment-provider';
