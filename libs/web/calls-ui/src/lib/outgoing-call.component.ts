import { A11yModule } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { PricePipe, formatDuration } from '@callshop/web/ui';
import { CallManager } from './call-manager.service';
import { openSellerDialog, sellerDialogTarget } from './seller-dialog-target';
import { FocusOnOpen } from './focus-on-open.directive';

/**
 * "Calling <shop>…" with the product and a Cancel button, while the other side rings; once it
 * rings, how long it has ("Ringing · 0:12") and, for a customer, "Request a callback instead",
 * which cancels the call and opens the callback request about the same product.
 */
@Component({
  selector: 'cs-outgoing-call',
  imports: [A11yModule, FocusOnOpen, MatButton, MatProgressSpinner, PricePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="cs-call-card"
      role="dialog"
      aria-modal="true"
      aria-labelledby="cs-outgoing-title"
      data-testid="outgoing-call"
      cdkTrapFocus
      csFocusOnOpen
    >
      <p class="cs-call-kind">{{ kind() }}</p>
      <div class="cs-outgoing-status">
        <mat-progress-spinner mode="indeterminate" diameter="24" aria-hidden="true" />
        <h2 id="cs-outgoing-title" data-testid="call-status">{{ status() }}</h2>
      </div>
      @if (elapsed(); as time) {
        <p class="cs-ringing-time" data-testid="ringing-elapsed">Ringing · {{ time }}</p>
      }
      @if (manager.call()?.product; as product) {
        <div class="cs-call-product">
          @if (product.image) {
            <img [src]="product.image" [alt]="product.name" width="64" height="64" />
          }
          <div>
            <div class="cs-call-product__name">{{ product.name }}</div>
            <div>{{ product.price | csPrice: product.currency }}</div>
          </div>
        </div>
      }
      @if (manager.actionError()) {
        <p class="cs-error" role="alert">{{ manager.actionError() }}</p>
      }
      <div class="cs-call-actions">
        @if (callbackTarget()) {
          <button
            mat-stroked-button
            type="button"
            data-testid="callback-instead"
            [disabled]="switching()"
            (click)="requestCallback()"
          >
            Request a callback instead
          </button>
        }
        <button mat-stroked-button type="button" class="cs-decline" cdkFocusInitial (click)="cancel()">
          Cancel
        </button>
      </div>
    </div>
  `,
  styleUrl: './call-card.css',
  styles: `
    .cs-ringing-time {
      margin: 4px 0 0;
      font-variant-numeric: tabular-nums;
    }
    .cs-outgoing-status {
      display: flex;
      align-items: center;
      gap: 12px;
    }
  `,
})
export class OutgoingCallComponent {
  protected readonly manager = inject(CallManager);
  private readonly dialog = inject(MatDialog);
  /** The view is made anew when the call starts ringing (see `CallHostComponent`). */
  private readonly shownAt = Date.now();
  private readonly now = signal(this.shownAt);
  protected readonly switching = signal(false);
  protected readonly elapsed = computed(() =>
    this.manager.phase() === 'outgoing' ? formatDuration((this.now() - this.shownAt) / 1000) : null,
  );
  protected readonly callbackTarget = computed(() =>
    this.manager.viewer() === 'customer' && this.manager.phase() === 'outgoing'
      ? sellerDialogTarget(this.manager.call(), this.manager.request())
      : null,
  );

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  /** Cancels the ringing call (recorded as the customer's cancel) and opens the callback request. */
  protected async requestCallback(): Promise<void> {
    const target = this.callbackTarget();
    if (!target) return;
    this.switching.set(true);
    await this.manager.cancel();
    // Answered meanwhile the call goes on; a refused cancel says why and may be tried again.
    if (this.manager.phase() !== 'ended') {
      this.switching.set(false);
      return;
    }
    this.manager.dismiss();
    await openSellerDialog(this.dialog, target, 'callback');
  }
  protected readonly kind = computed(() =>
    (this.manager.call()?.type ?? this.manager.request()?.type) === 'audio' ? 'Voice call' : 'Video call',
  );
  protected readonly status = computed(() => {
    const phase = this.manager.phase();
    if (phase === 'preparing') return 'Starting your camera and microphone…';
    // Answered: the card stays a moment while the connection is set up (see `callViewPhase`).
    return phase === 'connecting' ? 'Connecting…' : `Calling ${this.manager.counterpart()}…`;
  });

  /** Cancels the call while it rings; once answered (the card's last moment), hangs up. */
  protected cancel(): Promise<void> {
    return this.manager.phase() === 'connecting' ? this.manager.hangup() : this.manager.cancel();
  }
}
