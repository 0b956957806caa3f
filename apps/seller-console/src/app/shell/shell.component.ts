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
          <a mat-button routerLink="/orders" routerLinkActive="active" ariaCurrentWhenActive="page">Orders</a>
          <a mat-button routerLink="/analytics" routerLinkActive="active" ariaCurrentWhenActive="page"
            >Analytics</a
          >
          <a mat-button routerLink="/products" routerLinkActive="active" ariaCurrentWhenActive="page"
            >Products</a
          >
          @if (isOwner()) {
            <a mat-button routerLink="/staff" routerLinkActive="active" ariaCurrentWhenActive="page">Staff</a>
            <a mat-button routerLink="/webhooks" routerLinkActive="active" ariaCurrentWhenActive="page"
              >Webhooks</a
            >
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
  styleUrl: './shell.component.scss',
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
