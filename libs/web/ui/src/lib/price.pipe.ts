import { LOCALE_ID, Pipe, PipeTransform, inject } from '@angular/core';
import { formatMoney } from './format';

/** `{{ product.price | csPrice: product.currency }}`: minor units to a localized price. */
@Pipe({ name: 'csPrice' })
export class PricePipe implements PipeTransform {
  private readonly locale = inject(LOCALE_ID);

  transform(amountMinor: number | null | undefined, currency: string | null | undefined = 'USD'): string {
    if (amountMinor === null || amountMinor === undefined) return '';
    return formatMoney(amountMinor, currency || 'USD', this.locale);
  }
}
