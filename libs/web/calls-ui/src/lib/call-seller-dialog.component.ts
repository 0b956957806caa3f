import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import type { CallbackPreference } from '@callshop/contracts';
import { AuthSession, CallbacksApi, CallsApi, describeError } from '@callshop/web/core';
import { telHref } from '@callshop/web/ui';
import { CallManager } from './call-manager.service';

/** What the "Call Seller" dialog is about. */
export interface CallSellerDialogData {
  sellerId: string;
  shopName: string;
  isPlatform: boolean;
  productId?: string;
  productName?: string;
  /** The shop's number when already known; loaded otherwise. */
  phoneNumber?: string | null;
  /** Open with the callback form showing (e.g. the seller is offline). */
  mode?: 'options' | 'callback';
  /** A sentence shown at the top, e.g. "Lamp Shop is offline right now." */
  notice?: string | null;
  /** Hide "Video call instead" (the seller cannot take a video call now). */
  videoUnavailable?: boolean;
}

/**
 * The phone options for a shop: its number as a `tel:` link (opens the phone app on mobile),
 * a callback request (optional note, phone or video), or the in-app video call instead.
 */
@Component({
  selector: 'cs-call-seller-dialog',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    MatRadioGroup,
    MatRadioButton,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ title() }}</h2>
    <mat-dialog-content data-testid="call-seller-dialog">
      @if (data.notice) {
        <p class="notice" role="status">{{ data.notice }}</p>
      }
      <section aria-labelledby="phone-heading">
        <h3 id="phone-heading">Phone</h3>
        @if (loadingPhone()) {
          <p role="status">Looking up the phone number…</p>
        } @else if (telLink(); as href) {
          <a mat-flat-button [href]="href" data-testid="tel-link">Call {{ phone() }}</a>
          <p class="hint">Opens your phone app on a mobile device.</p>
        } @else {
          <p>{{ data.shopName }} has no phone number listed. Ask for a callback or use a video call.</p>
        }
      </section>

      <section aria-labelledby="callback-heading">
        <h3 id="callback-heading">Request a callback</h3>
        @if (data.productName) {
          <p data-testid="callback-product">About {{ data.productName }}</p>
        }
        @if (sent()) {
          <p role="status" data-testid="callback-sent">
            Request sent. {{ data.shopName }} will call you back. You can follow it under "My calls".
          </p>
        } @else if (showForm()) {
          <form [formGroup]="form" (ngSubmit)="submit()" class="callback-form">
            <mat-form-field appearance="outline">
              <mat-label>Note for the seller (optional)</mat-label>
              <textarea matInput formControlName="note" rows="3" maxlength="500"></textarea>
              <mat-hint>For example, a good time to call.</mat-hint>
            </mat-form-field>
            <mat-radio-group formControlName="preference" aria-label="How should they call you back?">
              <mat-radio-button value="phone">Phone call</mat-radio-button>
              <mat-radio-button value="video">Video call</mat-radio-button>
            </mat-radio-group>
            @if (needsPhone()) {
              <mat-form-field appearance="outline">
                <mat-label>Your phone number</mat-label>
                <input matInput type="tel" formControlName="phoneNumber" autocomplete="tel" />
              </mat-form-field>
            }
            @if (error()) {
              <p class="error" role="alert">{{ error() }}</p>
            }
            <button mat-flat-button type="submit" [disabled]="sending()">
              {{ sending() ? 'Sending…' : 'Send callback request' }}
            </button>
          </form>
        } @else {
          <button mat-stroked-button type="button" (click)="showForm.set(true)">Request a callback</button>
        }
      </section>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (!data.videoUnavailable) {
        <button mat-button type="button" (click)="videoInstead()">Video call instead</button>
      }
      <button mat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    section {
      margin-block: 12px 20px;
    }
    h3 {
      margin: 0 0 8px;
      font-size: 1rem;
    }
    .hint {
      font-size: 0.85rem;
      opacity: 0.8;
    }
    .notice {
      font-weight: 600;
    }
    .callback-form {
      display: flex;
      flex-direction: column;
      gap: 12px;
      max-width: 420px;
    }
    .error {
      color: #b3261e;
    }
    /* Thumb-sized controls (44 × 44 CSS px at least), also in the dialog's action row. */
    :host button,
    :host a[mat-flat-button] {
      min-height: 48px;
      min-width: 48px;
    }
    mat-radio-button {
      display: flex;
      align-items: center;
      min-height: 48px;
    }
    :host ::ng-deep .mat-mdc-dialog-actions button {
      min-height: 48px;
    }
  `,
})
export class CallSellerDialogComponent implements OnInit {
  protected readonly data = inject<CallSellerDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<CallSellerDialogComponent>);
  private readonly callsApi = inject(CallsApi);
  private readonly callbacksApi = inject(CallbacksApi);
  private readonly manager = inject(CallManager);
  private readonly session = inject(AuthSession);
  private readonly fb = inject(FormBuilder);

  protected readonly phone = signal<string | null>(this.data.phoneNumber ?? null);
  protected readonly loadingPhone = signal(this.data.phoneNumber === undefined);
  protected readonly telLink = computed(() => telHref(this.phone()));
  protected readonly showForm = signal(this.data.mode === 'callback');
  protected readonly sending = signal(false);
  protected readonly sent = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly needsPhone = computed(() => !this.session.user()?.phoneNumber);
  protected readonly title = computed(() => `Call ${this.data.shopName}`);
  protected readonly form = this.fb.nonNullable.group({
    note: ['', Validators.maxLength(500)],
    preference: ['phone' as CallbackPreference],
    phoneNumber: [''],
  });

  ngOnInit(): void {
    if (this.data.phoneNumber !== undefined) return;
    this.callsApi.sellerInfo(this.data.sellerId).subscribe({
      next: (info) => {
        this.phone.set(info.phoneNumber);
        this.loadingPhone.set(false);
      },
      error: () => this.loadingPhone.set(false),
    });
  }

  protected submit(): void {
    const { note, preference, phoneNumber } = this.form.getRawValue();
    if (preference === 'phone' && this.needsPhone() && !phoneNumber.trim()) {
      this.error.set('Add a phone number so the seller can call you back.');
      return;
    }
    this.sending.set(true);
    this.error.set(null);
    this.callbacksApi
      .create({
        sellerId: this.data.sellerId,
        productId: this.data.productId,
        note: note.trim() || undefined,
        preference,
        phoneNumber: phoneNumber.trim() || undefined,
      })
      .subscribe({
        next: () => {
          this.sending.set(false);
          this.sent.set(true);
        },
        error: (err) => {
          this.sending.set(false);
          this.error.set(describeError(err, 'The request could not be sent. Please try again.'));
        },
      });
  }

  protected videoInstead(): void {
    this.ref.close('video');
    void this.manager.placeCall({
      type: 'video',
      sellerId: this.data.sellerId,
      productId: this.data.productId,
      displayName: this.data.shopName,
    });
  }
}
