import { A11yModule } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { CallManager, type CounterpartPhone } from './call-manager.service';
import type { CallSellerDialogData } from './call-seller-dialog.component';
import { openSellerDialog, sellerDialogTarget } from './seller-dialog-target';
import { CallRatingComponent } from './rating/call-rating.component';
import { CallRecapComponent } from './recap/call-recap.component';
import { FocusOnOpen } from './focus-on-open.directive';
import { WaitingLineClient } from './waiting-line/waiting-line-client';

/**
 * How the call ended, with what the user can do next: retry audio only, the phone (the other
 * party's number when the network kept the call from connecting), a callback request.
 */
@Component({
  selector: 'cs-call-outcome-panel',
  imports: [A11yModule, FocusOnOpen, MatButton, CallRatingComponent, CallRecapComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (manager.outcome(); as outcome) {
      <div
        class="cs-call-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="cs-outcome-title"
        data-testid="call-outcome"
        [attr.data-tone]="outcome.tone"
        cdkTrapFocus
        csFocusOnOpen
      >
        <h2 id="cs-outcome-title" data-testid="call-status">{{ outcome.title }}</h2>
        @if (outcome.detail) {
          <p class="cs-detail">{{ outcome.detail }}</p>
        }
        @if (waitable() && line.error(); as error) {
          <p class="cs-detail" role="alert">{{ error }}</p>
        }
        @if (outcome.phoneFallback && phone(); as p) {
          <p class="cs-detail">
            <a mat-flat-button [href]="p.href" data-testid="outcome-phone-link"
              >Call {{ p.name }} at {{ p.number }}</a
            >
          </p>
        }
        @if (rateableCallId(); as callId) {
          <cs-call-rating class="cs-outcome-rating" [callId]="callId" />
          @if (manager.call(); as call) {
            <cs-call-recap [call]="call" />
          }
        }
        <div class="cs-call-actions">
          @if (outcome.mediaError && outcome.mediaError !== 'unsupported' && manager.request()) {
            <button mat-stroked-button type="button" (click)="manager.retryAudioOnly()">
              Try audio only
            </button>
          }
          @if (sellerTarget(); as target) {
            @if (outcome.mediaError) {
              <button mat-stroked-button type="button" (click)="openPhone(target, 'options')">
                Call {{ sellerWord() }} by phone
              </button>
            }
            @if (waitable()) {
              <button mat-flat-button type="button" data-testid="wait-in-line" (click)="waitInLine()">
                Wait in line
              </button>
            }
            @if (outcome.suggestCallback) {
              <button mat-stroked-button type="button" (click)="openPhone(target, 'callback')">
                Request a callback
              </button>
            }
            @if (outcome.offerAppointment && target.productId) {
              <button mat-stroked-button type="button" (click)="bookAppointment(target)">
                Book a video call
              </button>
            }
          }
          <button mat-flat-button type="button" cdkFocusInitial (click)="manager.dismiss()">Close</button>
        </div>
      </div>
    }
  `,
  styleUrl: './call-card.css',
})
export class CallOutcomePanelComponent {
  protected readonly manager = inject(CallManager);
  private readonly dialog = inject(MatDialog);

  /** The shop a customer tried to reach, when there is one to fall back to. */
  protected readonly sellerTarget = computed<CallSellerDialogData | null>(() =>
    this.manager.viewer() === 'customer'
      ? sellerDialogTarget(this.manager.call(), this.manager.request())
      : null,
  );
  /** A customer's call that connected and ended: they may rate it here (or later in My calls). */
  protected readonly rateableCallId = computed(() => {
    const call = this.manager.call();
    const over = call && call.status !== 'ringing' && call.status !== 'accepted';
    return this.manager.viewer() === 'customer' && over && call.connectedAt ? call.id : null;
  });
  protected readonly line = inject(WaitingLineClient);
  /** A customer's call found every staff member busy: they may wait in line for the next free one. */
  protected readonly waitable = computed(() => {
    const call = this.manager.call();
    return this.manager.viewer() === 'customer' && call?.status === 'busy' && !!call.product;
  });
  protected readonly sellerWord = computed(() => (this.sellerTarget()?.isPlatform ? 'Support' : 'Seller'));
  /** The other party's number, looked up when the outcome offers the phone. */
  protected readonly phone = signal<CounterpartPhone | null>(null);

  constructor() {
    effect(() => {
      const wanted = this.manager.outcome()?.phoneFallback === true;
      untracked(() => {
        this.phone.set(null);
        if (wanted) void this.manager.counterpartPhone().then((p) => this.phone.set(p));
      });
    });
  }

  protected async waitInLine(): Promise<void> {
    const call = this.manager.call();
    const request = this.manager.request();
    if (!call) return;
    const joined = await this.line.join({
      type: call.type,
      sellerId: call.shop.id,
      productId: call.product?.id,
      displayName: request?.displayName ?? call.shop.name,
    });
    if (joined) this.manager.dismiss();
  }

  protected async bookAppointment(target: CallSellerDialogData): Promise<void> {
    this.manager.dismiss();
    const { openBookAppointment } = await import('./appointments/book-appointment-dialog.component');
    await openBookAppointment(this.dialog, {
      shopId: target.sellerId,
      shopName: target.shopName,
      productId: target.productId ?? '',
      productName: target.productName ?? '',
    });
  }

  protected openPhone(target: CallSellerDialogData, mode: 'options' | 'callback'): Promise<void> {
    this.manager.dismiss();
    return openSellerDialog(this.dialog, target, mode);
  }
}
