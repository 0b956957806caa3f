import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { PRODUCT_LIMITS } from '@callshop/contracts';
import {
  ProductsApi,
  applyFieldErrors,
  describeError,
  mapApiErrors,
  touchedControlError,
} from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';
import {
  PRODUCT_FORM_FIELDS,
  toFormValue,
  toProductRequest,
  type ProductFormValue,
} from './product-form.model';

type Field = (typeof PRODUCT_FORM_FIELDS)[number];

const PATTERN_MESSAGES: Partial<Record<Field, string>> = {
  price: 'Enter a price like 49.99.',
  currency: 'Use a 3-letter currency code such as USD.',
  stock: 'Stock is a whole number, 0 or more.',
};

/**
 * Create or edit a product. Client-side checks catch the obvious; the API's validation
 * messages are shown on the fields they name.
 */
@Component({
  selector: 'cs-product-form-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="cs-page">
      <h1>{{ id() ? 'Edit product' : 'New product' }}</h1>
      @if (loadError()) {
        <p class="cs-error" role="alert">{{ loadError() }}</p>
      }
      @if (formError()) {
        <p class="banner" role="alert" data-testid="form-error">{{ formError() }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="save()" novalidate class="form">
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" required />
          @if (message('name', 'Name'); as text) {
            <mat-error>{{ text }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Description</mat-label>
          <textarea matInput formControlName="description" rows="4"></textarea>
          @if (message('description', 'Description'); as text) {
            <mat-error>{{ text }}</mat-error>
          }
        </mat-form-field>
        <div class="two">
          <mat-form-field appearance="outline">
            <mat-label>Price</mat-label>
            <input matInput formControlName="price" inputmode="decimal" required />
            <mat-hint>For example 49.99</mat-hint>
            @if (message('price', 'Price'); as text) {
              <mat-error>{{ text }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Currency</mat-label>
            <input matInput formControlName="currency" maxlength="3" />
            @if (message('currency', 'Currency'); as text) {
              <mat-error>{{ text }}</mat-error>
            }
          </mat-form-field>
        </div>
        <div class="two">
          <mat-form-field appearance="outline">
            <mat-label>Stock</mat-label>
            <input matInput formControlName="stock" inputmode="numeric" required />
            @if (message('stock', 'Stock'); as text) {
              <mat-error>{{ text }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Category</mat-label>
            <input matInput formControlName="category" />
            @if (message('category', 'Category'); as text) {
              <mat-error>{{ text }}</mat-error>
            }
          </mat-form-field>
        </div>
        <mat-form-field appearance="outline">
          <mat-label>Image URLs</mat-label>
          <textarea matInput formControlName="images" rows="3"></textarea>
          <mat-hint>One address per line; the first is the main picture.</mat-hint>
          @if (message('images', 'Images'); as text) {
            <mat-error>{{ text }}</mat-error>
          }
        </mat-form-field>
        <div class="actions">
          <a mat-button routerLink="/products">Cancel</a>
          <button mat-flat-button type="submit" [disabled]="saving()">
            {{ saving() ? 'Saving…' : id() ? 'Save changes' : 'Create product' }}
          </button>
        </div>
      </form>
    </div>
  `,
  styles: `
    .form {
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-width: 720px;
    }
    .two {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 12px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
    .banner {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    @media (max-width: 600px) {
      .two {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class ProductFormPage {
  private readonly api = inject(ProductsApi);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  /** From the route (`products/:id/edit`); absent when creating. */
  readonly id = input<string>();

  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(PRODUCT_LIMITS.nameMax)]],
    description: ['', [Validators.maxLength(PRODUCT_LIMITS.descriptionMax)]],
    price: ['', [Validators.required, Validators.pattern(/^\s*\d+([.,]\d{1,2})?\s*$/)]],
    currency: ['USD', [Validators.pattern(/^[A-Za-z]{3}$/)]],
    stock: ['0', [Validators.required, Validators.pattern(/^\s*\d+\s*$/)]],
    category: ['', [Validators.maxLength(PRODUCT_LIMITS.categoryMax)]],
    images: [''],
  });

  constructor() {
    effect(() => {
      const id = this.id();
      if (id) untracked(() => void this.load(id));
    });
  }

  protected message(name: Field, label: string): string | null {
    return touchedControlError(this.form.controls[name], label, PATTERN_MESSAGES[name]);
  }

  async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    this.saving.set(true);
    this.formError.set(null);
    const body = toProductRequest(this.form.getRawValue() as ProductFormValue);
    try {
      const id = this.id();
      const saved = await firstValueFrom(id ? this.api.update(id, body) : this.api.create(body));
      await this.router.navigate(['/products'], {
        state: { message: `${saved.name} was ${id ? 'saved' : 'added'}.` },
      });
    } catch (error) {
      const mapped = mapApiErrors(error, PRODUCT_FORM_FIELDS);
      applyFieldErrors(this.form, mapped.fields);
      this.formError.set(
        mapped.form ?? (Object.keys(mapped.fields).length ? 'Please correct the fields marked below.' : null),
      );
    } finally {
      this.saving.set(false);
    }
  }

  private async load(id: string): Promise<void> {
    try {
      const product = await firstValueFrom(this.api.get(id));
      this.form.reset(toFormValue(product));
    } catch (error) {
      this.loadError.set(describeError(error, 'This product could not be loaded.'));
    }
  }
}
