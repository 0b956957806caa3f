import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@callshop/api/auth';
import { ProductsModule } from '@callshop/api/products';
import { CartItem } from './cart-item.entity';
import { CartController } from './cart.controller';
import { CartService } from './cart.service';
import { OrderItem } from './order-item.entity';
import { Order } from './order.entity';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';
import { CashOnDeliveryProvider } from './payments/cash-on-delivery.provider';
import { PAYMENT_PROVIDERS } from './payments/payment-provider';
import { PaymentsService } from './payments/payments.service';

/**
 * Carts, checkout and orders. Payment methods are `PaymentProvider`s listed under
 * `PAYMENT_PROVIDERS`; cash on delivery is the only one today.
 */
@Module({
  imports: [AuthModule, ProductsModule, TypeOrmModule.forFeature([CartItem, Order, OrderItem])],
  controllers: [CartController, OrdersController],
  providers: [
    CartService,
    OrdersService,
    PaymentsService,
    CashOnDeliveryProvider,
    {
      provide: PAYMENT_PROVIDERS,
      useFactory: (cod: CashOnDeliveryProvider) => [cod],
      inject: [CashOnDeliveryProvider],
    },
  ],
  exports: [CartService, OrdersService],
})
export class OrdersModule {}
