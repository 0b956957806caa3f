import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthSession, ShopsApi } from '@callshop/web/core';
import { CallManager, CallNotifier } from '@callshop/web/calls-ui';
import { catchError, map, of } from 'rxjs';
import { CallSummaryStore } from '../calls/call-summary.store';
import { AvailabilityService } from './availability.service';

/**
 * The signed-in frame: navigation with live badges, the Available switch and the connection
 * status (always visible), and the user's menu.
 */
@Component({
  selector: 'cs-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatButtonModule,
    MatSlideToggleModule,
    MatBadgeModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header>
      <mat-toolbar class="bar">
        <a class="brand" routerLink="/calls">
          <span class="brand__name">Callshop Seller</span>
          @if (shopName()) {
            <span class="brand__shop" data-testid="shop-name">{{ shopName() }}</span>
          }
        </a>
        <nav class="nav" aria-label="Main">
          <a mat-button routerLink="/calls" routerLinkActive="active" ariaCurrentWhenActive="page">
            Calls
            @if (attention() > 0) {
              <span class="count" data-testid="calls-attention" aria-hidden="true">{{ attention() }}</span>
              <span class="cs-visually-hidden">({{ attentionLabel() }})</span>
            }
          </a>
          <a mat-button routerLink="/products" routerLinkActive="active" ariaCurrentWhenActive="page"
            >Products</a
          >
          @if (isOwner()) {
            <a mat-button routerLink="/staff" routerLinkActive="active" ariaCurrentWhenActive="page">Staff</a>
          }
        </nav>
        <div class="presence" data-testid="availability">
          <mat-slide-toggle
            [checked]="availability.view().checked"
            [disabled]="!availability.view().enabled"
            (change)="availability.setAvailable($event.checked)"
            aria-describedby="cs-connection-status"
            >Available</mat-slide-toggle
          >
          <span
            id="cs-connection-status"
            class="status"
            [attr.data-tone]="availability.view().tone"
            role="status"
            data-testid="connection-status"
          >
            <span class="dot" aria-hidden="true"></span>{{ availability.view().status }}
          </span>
          @if (availability.error()) {
            <span class="cs-error" role="alert">{{ availability.error() }}</span>
          }
        </div>
        <div class="me">
          @if (notificationsAsk()) {
            <button mat-button type="button" (click)="enableNotifications()">Enable notifications</button>
          }
          <span class="me__name">{{ session.user()?.name }}</span>
          <button mat-stroked-button type="button" (click)="logout()" [disabled]="calls.busy()">
            Log out
          </button>
        </div>
      </mat-toolbar>
    </header>
    <main>
      <router-outlet />
    </main>
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      height: auto;
      min-height: 64px;
      padding: 8px 16px;
      background: var(--mat-sys-surface-container);
    }
    .brand {
      display: flex;
      flex-direction: column;
      line-height: 1.2;
      text-decoration: none;
      color: inherit;
    }
    .brand__name {
      font-weight: 600;
    }
    .brand__shop {
      font-size: 0.85rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .nav {
      display: flex;
      gap: 4px;
    }
    .nav .active {
      background: var(--mat-sys-secondary-container);
    }
    .count {
      display: inline-block;
      min-width: 20px;
      margin-left: 6px;
      padding: 0 6px;
      border-radius: 10px;
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
      font-size: 0.75rem;
      line-height: 20px;
      text-align: center;
    }
    .presence {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 4px 12px;
      margin-left: auto;
      font-size: 0.875rem;
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: 6px;
    }
    .dot {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: #9e9e9e;
    }
    [data-tone='ok'] .dot {
      background: #2e7d32;
    }
    [data-tone='away'] .dot {
      background: #f9a825;
    }
    [data-tone='offline'] .dot {
      background: #c62828;
    }
    .me {
      display: flex;
      align-items: center;
      gap: 8px;
      font-size: 0.875rem;
    }
    @media (max-width: 720px) {
      .presence {
        margin-left: 0;
        width: 100%;
      }
      .me__name {
        display: none;
      }
    }
  `,
})
export class ShellComponent {
  protected readonly session = inject(AuthSession);
  protected readonly availability = inject(AvailabilityService);
  protected readonly calls = inject(CallManager);
  private readonly summary = inject(CallSummaryStore);
  private readonly notifier = inject(CallNotifier);
  private readonly router = inject(Router);
  private readonly shops = inject(ShopsApi);

  protected readonly isOwner = computed(() => this.session.user()?.staffRole === 'owner');
  protected readonly shopName = toSignal(
    this.shops.get(this.session.user()?.shopId ?? '').pipe(
      map((shop) => shop.name),
      catchError(() => of(null)),
    ),
    { initialValue: null },
  );
  protected readonly attention = computed(() => {
    const s = this.summary.summary();
    return s ? s.missedToday + s.openCallbacks : 0;
  });
  protected readonly attentionLabel = computed(() => {
    const s = this.summary.summary();
    return s ? `${s.missedToday} missed today, ${s.openCallbacks} open callback requests` : '';
  });
  private readonly permission = signal(this.notifier.permission);
  protected readonly notificationsAsk = computed(() => this.permission() === 'default');

  constructor() {
    this.summary.refresh();
  }

  protected async enableNotifications(): Promise<void> {
    this.permission.set(await this.notifier.requestPermission());
  }

  protected async logout(): Promise<void> {
    this.session.end('logout');
    await this.router.navigateByUrl('/login');
  }
}
