import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthSession } from '@callshop/web/core';
import { AppointmentRemindersComponent, CallHostComponent } from '@callshop/web/calls-ui';
import { CallProductPanelComponent } from './call/call-product-panel.component';
import { AvailabilityService } from './shell/availability.service';
import { ICE_SERVERS_CACHE } from '@callshop/web/rtc';

/**
 * Root: the routed pages, and the call views (incoming dialog, in-call view with the product
 * panel, outcome) on top of whatever page the seller is on.
 */
@Component({
  selector: 'cs-root',
  imports: [RouterOutlet, CallHostComponent, CallProductPanelComponent, AppointmentRemindersComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <router-outlet />
    @if (session.role() === 'seller') {
      <cs-call-host [productPanel]="productPanel" />
      <cs-appointment-reminders />
    }
    <ng-template #productPanel let-call>
      <cs-call-product-panel [call]="call" />
    </ng-template>
  `,
})
export class AppComponent {
  protected readonly session = inject(AuthSession);
  private readonly iceServers = inject(ICE_SERVERS_CACHE);

  constructor() {
    // Created with the app so the seller's choice is sent the moment the socket is ready.
    inject(AvailabilityService);
    effect(() => {
      if (this.session.role() === 'seller') untracked(() => this.iceServers.warm());
    });
  }
}
