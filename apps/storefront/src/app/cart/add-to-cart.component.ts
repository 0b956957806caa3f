import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ProductDto } from '@callshop/contracts';
import { CartStore } from './cart.store';

/** "Add to cart" for one product, with what happened next to it. Plain CSS (product pages are landing pages). */
@Component({
  selector: 'cs-add-to-cart',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="add">
      <button
        type="button"
        class="button"
        data-testid="add-to-cart"
        [disabled]="busy() || soldOut()"
        (click)="add()"
      >
        {{ soldOut() ? 'Sold out' : busy() ? 'Adding…' : 'Add to cart'
        }}<span class="sr">: {{ product().name }}</span>
      </button>
      <span class="note" role="status">
        @if (error(); as text) {
          <span class="error">{{ text }}</span>
        } @else if (inCart(); as n) {
          {{ n }} in your cart · <a routerLink="/cart">View cart</a>
        }
      </span>
    </div>
  `,
  styles: `
    .add {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
      margin: 12px 0;
    }
    .button {
      height: 40px;
      padding: 0 24px;
      border: 0;
      border-radius: 20px;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font: var(--mat-sys-label-large);
      cursor: pointer;
    }
    .button:disabled {
      background: color-mix(in srgb, var(--mat-sys-on-surface) 12%, transparent);
      color: color-mix(in srgb, var(--mat-sys-on-surface) 38%, transparent);
      cursor: default;
    }
    .sr {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class AddToCartComponent {
  private readonly cart = inject(CartStore);
  readonly product = input.required<ProductDto>();

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly soldOut = computed(() => this.product().stock <= 0);
  protected readonly inCart = computed(
    () => this.cart.lines().find((l) => l.productId === this.product().id)?.quantity ?? 0,
  );

  protected async add(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.cart.add(this.product());
    } catch (err) {
      this.error.set((err as Error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
