import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { Router } from '@angular/router';
import type { ShopPresence, ShopSummary } from '@callshop/contracts';
import { AuthSession, LOGIN_PATH } from '@callshop/web/core';
import { VIDEO_CALL_SUPPORT, videoSupportNote } from '@callshop/web/rtc';
import { CallManager } from './call-manager.service';
import type { CallSellerDialogData } from './call-seller-dialog.component';

/** The product the buttons are about. */
export interface CallableProduct {
  id: string;
  name: string;
  shop: ShopSummary;
}

/** What the buttons can do right now. Pure, so every state is easy to test. */
export type CallButtonsMode = 'logged-out' | 'not-customer' | 'unavailable' | 'busy' | 'ready';

export function callButtonsMode(options: {
  loggedIn: boolean;
  role: string | null;
  presence: ShopPresence | null;
  callBusy: boolean;
}): CallButtonsMode {
  if (!options.loggedIn) return 'logged-out';
  if (options.role !== 'customer') return 'not-customer';
  if (options.callBusy) return 'busy';
  if (options.presence && (!options.presence.online || !options.presence.available)) return 'unavailable';
  return 'ready';
}

/**
 * "Video Call Seller" and "Call Seller" on a product page ("Support" for platform-operated
 * shops). Logged out, both lead to log in and back; when the shop is offline or not taking
 * calls, it says so and offers a callback request instead of ringing into nothing. In a
 * browser that cannot hold a video call (no WebRTC, or no camera access on this page) the
 * video button is disabled and says why, while "Call Seller" and callbacks stay.
 */
@Component({
  selector: 'cs-product-call-buttons',
  imports: [MatButton, MatProgressSpinner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="cs-call-buttons" data-testid="product-call-buttons">
      <div class="cs-row">
        <button
          mat-flat-button
          type="button"
          (click)="videoCall()"
          [disabled]="
            !videoSupported || mode() === 'unavailable' || mode() === 'busy' || mode() === 'not-customer'
          "
          [attr.aria-describedby]="note() ? noteId : null"
          [attr.aria-busy]="starting()"
        >
          @if (starting()) {
            <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" class="cs-spin" />
          }
          Video Call {{ word() }}
        </button>
        <button
          mat-stroked-button
          type="button"
          (click)="phoneOptions()"
          [disabled]="mode() === 'not-customer'"
          [attr.aria-describedby]="note() ? noteId : null"
        >
          Call {{ word() }}
        </button>
        @if (mode() === 'unavailable') {
          <button mat-stroked-button type="button" (click)="requestCallback()">Request a callback</button>
        }
      </div>
      @if (note()) {
        <p class="cs-note" [id]="noteId" role="status" data-testid="call-buttons-note">{{ note() }}</p>
      }
    </div>
  `,
  styles: `
    .cs-row {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
    }
    .cs-row button {
      min-height: 48px;
    }
    .cs-spin {
      display: inline-block;
      margin-right: 8px;
      vertical-align: middle;
    }
    .cs-note {
      margin: 8px 0 0;
      font-size: 0.9rem;
    }
  `,
})
export class ProductCallButtonsComponent {
  private static nextId = 0;
  private readonly session = inject(AuthSession);
  private readonly manager = inject(CallManager);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly loginPath = inject(LOGIN_PATH);
  private readonly videoSupport = inject(VIDEO_CALL_SUPPORT);
  /** This browser can hold a video call (decided once: it does not change while the page is open). */
  protected readonly videoSupported = this.videoSupport === 'supported';

  readonly product = input.required<CallableProduct>();
  /** The shop's live status; null while unknown (the buttons stay usable). */
  readonly presence = input<ShopPresence | null>(null);
  /** The shop's phone number when already loaded (undefined: the dialog loads it). */
  readonly phoneNumber = input<string | null | undefined>(undefined);

  protected readonly noteId = `cs-call-note-${ProductCallButtonsComponent.nextId++}`;
  protected readonly word = computed(() => (this.product().shop.isPlatform ? 'Support' : 'Seller'));
  readonly mode = computed(() =>
    callButtonsMode({
      loggedIn: this.session.isAuthenticated(),
      role: this.session.role(),
      presence: this.presence(),
      callBusy: this.manager.busy(),
    }),
  );
  protected readonly starting = computed(() => this.manager.phase() === 'preparing');
  /** What the buttons cannot do and why: the browser's limits first, then the shop's. */
  protected readonly note = computed(
    () => [this.browserNote(), this.modeNote()].filter((s): s is string => !!s).join(' ') || null,
  );

  private browserNote(): string | null {
    return videoSupportNote(this.videoSupport, this.product().shop.name);
  }

  private modeNote(): string | null {
    const shop = this.product().shop.name;
    switch (this.mode()) {
      case 'logged-out':
        return `Log in to call ${shop}.`;
      case 'not-customer':
        return 'Calls to shops are for customer accounts.';
      case 'busy':
        return 'You are in a call.';
      case 'unavailable':
        return this.presence()?.online
          ? `${shop} is online but not taking calls right now. Request a callback and they will call you.`
          : `${shop} is offline right now. Request a callback and they will call you.`;
      default:
        return null;
    }
  }

  protected videoCall(): void {
    if (!this.videoSupported) return;
    if (this.mode() === 'logged-out') return this.toLogin();
    if (this.mode() !== 'ready') return;
    const product = this.product();
    void this.manager.placeCall({
      type: 'video',
      sellerId: product.shop.id,
      productId: product.id,
      displayName: product.shop.name,
    });
  }

  protected phoneOptions(): Promise<void> | void {
    if (this.mode() === 'logged-out') return this.toLogin();
    return this.openDialog('options');
  }

  protected requestCallback(): Promise<void> {
    return this.openDialog('callback');
  }

  private async openDialog(mode: 'options' | 'callback'): Promise<void> {
    const product = this.product();
    const data: CallSellerDialogData = {
      sellerId: product.shop.id,
      shopName: product.shop.name,
      isPlatform: product.shop.isPlatform,
      productId: product.id,
      productName: product.name,
      phoneNumber: this.phoneNumber(),
      mode,
      notice: this.mode() === 'unavailable' ? this.note() : null,
      videoUnavailable: this.mode() !== 'ready' || !this.videoSupported,
    };
    // Loaded on first use: forms and inputs stay out of the product page's chunk.
    const { CallSellerDialogComponent } = await import('./call-seller-dialog.component');
    this.dialog.open(CallSellerDialogComponent, {
      data,
      width: '520px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    });
  }

  private toLogin(): void {
    void this.router.navigate([this.loginPath], { queryParams: { returnUrl: this.router.url } });
  }
}
