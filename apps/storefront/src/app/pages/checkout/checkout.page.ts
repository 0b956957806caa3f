import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import {
  AuthSession,
  OrdersApi,
  apiErrorBody,
  applyFieldErrors,
  controlError,
  describeError,
} from '@callshop/web/core';
import { PricePipe } from '@callshop/web/ui';
import { CartStore } from '../../cart/cart.store';

const FIELDS = ['name', 'line1', 'line2', 'city', 'postalCode', 'country', 'phone'] as const;
type Field = (typeof FIELDS)[number];

/** Shipping address and payment (cash on delivery), then one order per shop. */
@Component({
  selector: 'cs-checkout-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatError,
    PricePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page narrow">
      <h1>Checkout</h1>
      @if (!cart.count()) {
        <p>Your cart is empty. <a routerLink="/">Browse the catalog</a></p>
      } @else {
        <section aria-labelledby="summary">
          <h2 id="summary">Your order</h2>
          <ul class="summary">
            @for (line of cart.lines(); track line.productId) {
              <li>
                {{ line.quantity }} × {{ line.name }} <span class="shop">({{ line.shop.name }})</span>
              </li>
            }
          </ul>
          <p>
            Total:
            @for (t of cart.totals(); track t.currency; let last = $last) {
              <strong>{{ t.amount | csPrice: t.currency }}</strong>{{ last ? '' : ' + ' }}
            }
            @if (shops() > 1) {
              · {{ shops() }} orders, one per shop
            }
          </p>
        </section>
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <h2>Shipping address</h2>
          @for (f of fields; track f.name) {
            <mat-form-field appearance="outline">
              <mat-label>{{ f.label }}</mat-label>
              <input matInput [formControlName]="f.name" [attr.autocomplete]="f.autocomplete" />
              @if (message(f.name, f.label); as text) {
                <mat-error>{{ text }}</mat-error>
              }
            </mat-form-field>
          }
          <h2>Payment</h2>
          <label class="payment">
            <input type="radio" name="payment" value="cash_on_delivery" checked />
            Cash on delivery: pay when your order arrives
          </label>
          @if (error(); as text) {
            <p class="error" role="alert" data-testid="checkout-error">
              {{ text }} <a routerLink="/cart">Back to the cart</a>
            </p>
          }
          <button mat-flat-button type="submit" [disabled]="busy()">
            {{ busy() ? 'Placing your order…' : 'Place order' }}
          </button>
        </form>
      }
    </div>
  `,
  styles: `
    form {
      display: flex;
      flex-direction: column;
    }
    .summary {
      padding-left: 20px;
    }
    .shop {
      color: var(--mat-sys-on-surface-variant);
    }
    .payment {
      display: flex;
      gap: 8px;
      align-items: center;
      margin-bottom: 16px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class CheckoutPage implements OnInit {
  protected readonly cart = inject(CartStore);
  private readonly orders = inject(OrdersApi);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly shops = computed(() => new Set(this.cart.lines().map((l) => l.shop.id)).size);
  protected readonly fields: { name: Field; label: string; autocomplete: string }[] = [
    { name: 'name', label: 'Full name', autocomplete: 'name' },
    { name: 'line1', label: 'Address', autocomplete: 'address-line1' },
    { name: 'line2', label: 'Apartment, suite (optional)', autocomplete: 'address-line2' },
    { name: 'city', label: 'City', autocomplete: 'address-level2' },
    { name: 'postalCode', label: 'Postal code', autocomplete: 'postal-code' },
    { name: 'country', label: 'Country code (e.g. US)', autocomplete: 'country' },
    { name: 'phone', label: 'Phone (optional)', autocomplete: 'tel' },
  ];
  protected readonly form = this.fb.group({
    name: [inject(AuthSession).user()?.name ?? '', [Validators.required, Validators.maxLength(120)]],
    line1: ['', [Validators.required, Validators.maxLength(200)]],
    line2: ['', [Validators.maxLength(200)]],
    city: ['', [Validators.required, Validators.maxLength(100)]],
    postalCode: ['', [Validators.required, Validators.maxLength(20)]],
    country: ['', [Validators.required, Validators.pattern(/^\s*[A-Za-z]{2}\s*$/)]],
    phone: [''],
  });

  ngOnInit(): void {
    this.cart.start();
    this.cart.refresh().catch((err: Error) => this.error.set(err.message));
  }

  protected message(name: Field, label: string): string | null {
    return controlError(this.form.controls[name], label, 'Enter a 2-letter country code such as US.');
  }

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.busy()) return;
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.orders
      .checkout({
        shippingAddress: { ...v, line2: v.line2 || null, phone: v.phone || null },
        paymentMethod: 'cash_on_delivery',
      })
      .subscribe({
        next: (res) => {
          this.cart.emptied();
          void this.router.navigate(['/orders'], { queryParams: { placed: res.orders.length } });
        },
        error: (err) => {
          this.busy.set(false);
          // Address fields come back as shippingAddress.<field>.
          const fields: Record<string, string> = {};
          for (const d of apiErrorBody(err)?.details ?? []) {
            const name = d.field.replace(/^shippingAddress\./, '');
            if ((FIELDS as readonly string[]).includes(name)) fields[name] = d.messages.join(' ');
          }
          applyFieldErrors(this.form, fields);
          this.error.set(Object.keys(fields).length ? null : describeError(err));
          this.cart.refresh().catch(() => undefined);
        },
      });
  }
}
