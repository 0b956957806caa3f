import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { openSellerDialog } from '../seller-dialog-target';
import { WaitingLineClient, placeInLine } from './waiting-line-client';

const elapsed = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * The customer's place in a shop's line, in a corner while they go on using the app: their
 * number and estimated wait (live), the time waited, "Leave the line" and "Request a callback
 * instead". When a staff member frees up the call rings in the usual call views.
 */
@Component({
  selector: 'cs-waiting-line-panel',
  imports: [MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (line.entry(); as entry) {
      <section class="cs-line" role="region" aria-label="Waiting line" data-testid="waiting-line">
        <h2 class="cs-line-title">Waiting for {{ entry.shopName }}</h2>
        <p class="cs-line-place" role="status" data-testid="waiting-line-place">{{ place() }}</p>
        <p class="cs-line-elapsed">Waiting {{ waited() }}</p>
        <div class="cs-line-actions">
          <button mat-flat-button type="button" data-testid="leave-line" (click)="line.leave()">
            Leave the line
          </button>
          <button mat-stroked-button type="button" (click)="callback()">Request a callback instead</button>
        </div>
      </section>
    } @else if (line.error(); as error) {
      <section class="cs-line" role="region" aria-label="Waiting line">
        <p class="cs-line-place" role="status">{{ error }}</p>
        <div class="cs-line-actions">
          <button mat-stroked-button type="button" (click)="line.clearError()">Close</button>
        </div>
      </section>
    }
  `,
  styles: `
    .cs-line {
      position: fixed;
      right: 16px;
      bottom: 16px;
      z-index: 900;
      max-width: min(360px, calc(100vw - 32px));
      padding: 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-high, #fff);
      color: var(--mat-sys-on-surface, #1b1b1f);
      box-shadow: 0 4px 16px rgb(0 0 0 / 25%);
    }
    .cs-line-title {
      margin: 0 0 8px;
      font-size: 1.1rem;
    }
    .cs-line-place {
      margin: 0 0 4px;
      font-weight: 500;
    }
    .cs-line-elapsed {
      margin: 0 0 12px;
    }
    .cs-line-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .cs-line-actions button {
      min-height: 44px;
    }
  `,
})
export class WaitingLinePanelComponent {
  protected readonly line = inject(WaitingLineClient);
  private readonly dialog = inject(MatDialog);
  private readonly now = signal(Date.now());
  protected readonly place = computed(() => {
    const entry = this.line.entry();
    return entry ? placeInLine(entry) : '';
  });
  protected readonly waited = computed(() => elapsed(this.now() - (this.line.joinedAt() ?? this.now())));

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected async callback(): Promise<void> {
    const entry = this.line.entry();
    const request = this.line.target();
    if (!entry) return;
    await this.line.leave();
    await openSellerDialog(
      this.dialog,
      {
        sellerId: entry.shopId,
        shopName: entry.shopName,
        isPlatform: false,
        productId: entry.product?.id ?? request?.productId,
        productName: entry.product?.name,
      },
      'callback',
    );
  }
}
