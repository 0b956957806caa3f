import { A11yModule } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { PricePipe } from '@callshop/web/ui';
import { CallManager } from './call-manager.service';
import { CallNotifier } from './call-notifier.service';
import { PRODUCT_URL } from './product-url';
import { Ringtone } from './ringtone.service';
import { FocusOnOpen } from './focus-on-open.directive';
import { slotTime } from './appointments/appointment-time';

/** The ringing dialog: who calls (a shop or a customer), about which product, Accept / Decline. */
@Component({
  selector: 'cs-incoming-call',
  imports: [A11yModule, FocusOnOpen, MatButton, PricePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (manager.call(); as call) {
      <div
        class="cs-call-card"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="cs-incoming-title"
        aria-describedby="cs-incoming-desc"
        data-testid="incoming-call"
        cdkTrapFocus
        csFocusOnOpen
      >
        <p class="cs-call-kind">Incoming {{ call.type === 'video' ? 'video' : 'voice' }} call</p>
        <h2 id="cs-incoming-title" data-testid="call-status">{{ manager.counterpart() }} is calling</h2>
        <div id="cs-incoming-desc">
          @if (call.product; as product) {
            <div class="cs-call-product">
              @if (product.image) {
                <img [src]="product.image" [alt]="product.name" width="64" height="64" />
              }
              <div>
                <a
                  class="cs-call-product__name"
                  [href]="productUrl(product.id)"
                  target="_blank"
                  rel="noopener"
                  [attr.aria-label]="'View ' + product.name"
                  data-testid="incoming-product-link"
                  >{{ product.name }}</a
                >
                <div>{{ product.price | csPrice: product.currency }}</div>
              </div>
            </div>
          } @else {
            <p>{{ viewerIsShop() ? 'A customer' : call.shop.name }} wants to talk.</p>
          }
          @if (call.appointment; as appointment) {
            <p class="cs-call-appointment" data-testid="incoming-appointment">
              Appointment: {{ call.product?.name ?? 'a video call' }} with {{ call.customer.name }}, booked
              for
              {{ bookedFor(appointment.startsAt) }}
            </p>
          }
        </div>
        @if (ringtone.blocked()) {
          <button mat-button type="button" class="cs-sound" (click)="ringtone.unlock()">
            Click to enable sound
          </button>
        }
        @if (canAskNotifications()) {
          <button mat-button type="button" (click)="askNotifications()">
            Notify me of calls in the background
          </button>
        }
        <div class="cs-call-actions">
          <button
            mat-stroked-button
            type="button"
            class="cs-decline"
            (click)="manager.decline()"
            [disabled]="accepting()"
          >
            Decline
          </button>
          <button
            mat-flat-button
            type="button"
            class="cs-accept"
            cdkFocusInitial
            (click)="manager.accept()"
            [disabled]="accepting()"
          >
            {{ accepting() ? 'Connecting…' : 'Accept' }}
          </button>
        </div>
      </div>
    }
  `,
  styleUrl: './call-card.css',
})
export class IncomingCallComponent {
  protected readonly manager = inject(CallManager);
  protected readonly ringtone = inject(Ringtone);
  private readonly notifier = inject(CallNotifier);
  /** The product's page, opened in a new tab so the call keeps ringing here. */
  protected readonly productUrl = inject(PRODUCT_URL);
  private readonly permission = signal(this.notifier.permission);
  /** Answered on this device: while accepting, and the moment after (see `callViewPhase`). */
  protected readonly accepting = computed(() => ['accepting', 'connecting'].includes(this.manager.phase()));
  protected readonly viewerIsShop = computed(() => this.manager.viewer() === 'shop');
  protected readonly canAskNotifications = computed(() => this.permission() === 'default');
  /** An appointment's time, "14:30" in the viewer's zone. */
  protected readonly bookedFor = (iso: string) => slotTime(iso);

  protected async askNotifications(): Promise<void> {
    this.permission.set(await this.notifier.requestPermission());
  }
}
