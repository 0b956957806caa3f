import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import type { ShopSummary } from '@callshop/contracts';
import { LOGIN_PATH } from '@callshop/web/core';
import { VIDEO_CALL_SUPPORT, videoSupportNote } from '@callshop/web/rtc';

/**
 * "Video Call Seller" and "Call Seller" as a visitor who is not signed in sees them: both lead
 * to log in and back, and the note says so (and why video is off in a browser that cannot hold
 * a video call). The same labels, note and test ids as calls-ui's `cs-product-call-buttons`,
 * without the call layer behind those (the call manager, WebRTC, Socket.io, Material's dialog
 * and buttons: about 90 KB gzip), which a visitor cannot use before signing in.
 */
@Component({
  selector: 'cs-product-guest-call-buttons',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div data-testid="product-call-buttons">
      <div class="row">
        <button
          class="btn filled"
          type="button"
          [disabled]="!videoSupported"
          [attr.aria-describedby]="noteId"
          (click)="toLogin()"
        >
          Video Call {{ word() }}
        </button>
        <button class="btn outlined" type="button" [attr.aria-describedby]="noteId" (click)="toLogin()">
          Call {{ word() }}
        </button>
      </div>
      <p class="note" [id]="noteId" role="status" data-testid="call-buttons-note">{{ note() }}</p>
    </div>
  `,
  styles: `
    /* Material's flat and outlined buttons in plain CSS (the theme's tokens), 48 px tall as the
       signed-in buttons are. */
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
    }
    .btn {
      box-sizing: border-box;
      min-height: 48px;
      padding: 0 24px;
      border: 0;
      border-radius: 24px;
      font: var(--mat-sys-label-large);
      letter-spacing: var(--mat-sys-label-large-tracking);
      cursor: pointer;
    }
    .filled {
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
    }
    .outlined {
      border: 1px solid var(--mat-sys-outline);
      background: transparent;
      color: var(--mat-sys-primary);
    }
    .btn:disabled {
      border-color: color-mix(in srgb, var(--mat-sys-on-surface) 12%, transparent);
      background: color-mix(in srgb, var(--mat-sys-on-surface) 12%, transparent);
      color: color-mix(in srgb, var(--mat-sys-on-surface) 38%, transparent);
      cursor: default;
    }
    .note {
      margin: 8px 0 0;
      font-size: 0.9rem;
    }
  `,
})
export class ProductGuestCallButtonsComponent {
  private static nextId = 0;
  private readonly router = inject(Router);
  private readonly loginPath = inject(LOGIN_PATH);
  private readonly videoSupport = inject(VIDEO_CALL_SUPPORT);
  protected readonly videoSupported = this.videoSupport === 'supported';

  readonly shop = input.required<ShopSummary>();

  protected readonly noteId = `cs-guest-call-note-${ProductGuestCallButtonsComponent.nextId++}`;
  protected readonly word = computed(() => (this.shop().isPlatform ? 'Support' : 'Seller'));
  protected readonly note = computed(() =>
    [videoSupportNote(this.videoSupport, this.shop().name), `Log in to call ${this.shop().name}.`]
      .filter((s): s is string => !!s)
      .join(' '),
  );

  protected toLogin(): void {
    void this.router.navigate([this.loginPath], { queryParams: { returnUrl: this.router.url } });
  }
}
