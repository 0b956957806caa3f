import { ChangeDetectionStrategy, Component } from '@angular/core';
import { AppointmentRemindersComponent, CallHostComponent } from '@callshop/web/calls-ui';
import { provideCallAddToCart } from './cart/call-add-to-cart';

/**
 * The call UI with the storefront's hooks into it (Add to cart on a call's product cards). It
 * sits in the root's `@defer` block, so neither comes before the first page: anything imported
 * from calls-ui's `index.ts` brings the whole call layer with it (about 90 KB gzip), which is why
 * the hook is provided here and on My calls, not in the app's config.
 */
@Component({
  selector: 'cs-call-layer',
  imports: [CallHostComponent, AppointmentRemindersComponent],
  providers: [provideCallAddToCart()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<cs-call-host /><cs-appointment-reminders />`,
})
export class CallLayerComponent {}
