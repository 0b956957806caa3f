import { BadRequestException } from '@nestjs/common';
import type { PaymentMethod } from '@callshop/contracts';
import { CashOnDeliveryProvider } from './cash-on-delivery.provider';
import { PaymentsService } from './payments.service';

const order = { orderId: 'o1', customerId: 'c1', shopId: 's1', amount: 1000, currency: 'USD' };

describe('payments', () => {
  const cod = new CashOnDeliveryProvider();
  const payments = new PaymentsService([cod]);

  it('finds the provider of a method and refuses one nobody provides', () => {
    expect(payments.provider('cash_on_delivery')).toBe(cod);
    expect(() => payments.provider('card' as PaymentMethod)).toThrow(BadRequestException);
  });

  it('cash on delivery: due at checkout, paid on delivery, void on cancellation, unchanged otherwise', async () => {
    expect(await cod.start()).toBe('due');
    expect(await cod.onOrderStatus(order, 'confirmed', 'due')).toBeNull();
    expect(await cod.onOrderStatus(order, 'shipped', 'due')).toBeNull();
    expect(await cod.onOrderStatus(order, 'delivered', 'due')).toBe('paid');
    expect(await cod.onOrderStatus(order, 'cancelled', 'due')).toBe('void');
  });
});
