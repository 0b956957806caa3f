import { A11yModule } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { PricePipe } from '@callshop/web/ui';
import { CallManager } from './call-manager.service';

/** "Calling <shop>…" with the product and a Cancel button, while the other side rings. */
@Component({
  selector: 'cs-outgoing-call',
  imports: [A11yModule, MatButton, MatProgressSpinner, PricePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="cs-call-card"
      role="dialog"
      aria-modal="true"
      aria-labelledby="cs-outgoing-title"
      data-testid="outgoing-call"
      cdkTrapFocus
      [cdkTrapFocusAutoCapture]="true"
    >
      <p class="cs-call-kind">{{ kind() }}</p>
      <div class="cs-outgoing-status">
        <mat-progress-spinner mode="indeterminate" diameter="24" aria-hidden="true" />
        <h2 id="cs-outgoing-title" data-testid="call-status">{{ status() }}</h2>
      </div>
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
        <button
          mat-stroked-button
          type="button"
          class="cs-decline"
          cdkFocusInitial
          (click)="manager.cancel()"
        >
          Cancel
        </button>
      </div>
    </div>
  `,
  styleUrl: './call-card.css',
  styles: `
    .cs-outgoing-status {
      display: flex;
      align-items: center;
      gap: 12px;
    }
  `,
})
export class OutgoingCallComponent {
  protected readonly manager = inject(CallManager);
  protected readonly kind = computed(() =>
    (this.manager.call()?.type ?? this.manager.request()?.type) === 'audio' ? 'Voice call' : 'Video call',
  );
  protected readonly status = computed(() =>
    this.manager.phase() === 'preparing'
      ? 'Starting your camera and microphone…'
      : `Calling ${this.manager.counterpart()}…`,
  );
}
