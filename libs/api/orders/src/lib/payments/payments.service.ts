import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { PaymentMethod } from '@callshop/contracts';
import { PAYMENT_PROVIDERS, type PaymentProvider } from './payment-provider';

/** Finds the provider of a payment method. */
@Injectable()
export class PaymentsService {
  private readonly byMethod: Map<PaymentMethod, PaymentProvider>;

  constructor(@Inject(PAYMENT_PROVIDERS) providers: PaymentProvider[]) {
    this.byMethod = new Map(providers.map((p) => [p.method, p]));
  }

  provider(method: PaymentMethod): PaymentProvider {
    const provider = this.byMethod.get(method);
    if (!provider) throw new BadRequestException(`Payment method ${method} is not available`);
    return provider;
  }
}
