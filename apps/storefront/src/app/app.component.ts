import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  NavigationEnd,
  NavigationError,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { AuthSession } from '@callshop/web/core';
import { CartLinkComponent } from './cart/cart-link.component';
import { filter, take } from 'rxjs';
import { CallLayerComponent } from './call-layer.component';
import { whenIdle } from './when-idle';

/**
 * The storefront shell: header, the routed page, and the call host so calls work on every page.
 * The call layer (the host, its views, WebRTC, the Socket.io client, the ringtone) is loaded
 * only for a signed-in user, once the first page has rendered and the browser is idle: a
 * seller's call-back still rings, and nobody's first paint waits for it.
 */
@Component({
  selector: 'cs-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, CallLayerComponent, CartLinkComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip" href="#main">Skip to content</a>
    <header class="bar">
      <a routerLink="/" class="brand" aria-label="Callshop home">Callshop</a>
      <nav aria-label="Main" class="nav">
        <a
          class="btn nav-catalog"
          routerLink="/"
          routerLinkActive="active"
          [routerLinkActiveOptions]="{ exact: true }"
          >Catalog</a
        >
        @if (session.isAuthenticated()) {
          <a class="btn" routerLink="/calls" routerLinkActive="active">My calls</a>
          <a class="btn" routerLink="/appointments" routerLinkActive="active">My appointments</a>
          <a class="btn" routerLink="/orders" routerLinkActive="active">My orders</a>
        }
      </nav>
      <span class="spacer"></span>
      <cs-cart-link />
      @if (session.user(); as user) {
        <span class="who" data-testid="current-user">{{ user.name }}</span>
        <button class="btn outlined" type="button" (click)="logout()">Log out</button>
      } @else {
        <a class="btn" routerLink="/login">Log in</a>
        <a class="btn filled" routerLink="/register">Sign up</a>
      }
    </header>
    <main id="main" tabindex="-1">
      <router-outlet />
    </main>
    <!-- Signed in: the call UI loads once the first page is up, outside the initial bundle. -->
    @defer (when callLayerWanted()) {
      <cs-call-layer />
    }
  `,
  styles: `
    /* A Material toolbar and buttons in plain CSS (the theme's tokens): the header is on
       every first paint, and Material's button code (ripples, focus monitoring) is not. */
    .bar {
      position: sticky;
      top: 0;
      z-index: 10;
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
      min-height: 64px;
      padding: 0 16px;
      box-sizing: border-box;
      background: var(--mat-sys-surface-container);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-title-large);
    }
    .btn {
      display: inline-flex;
      align-items: center;
      box-sizing: border-box;
      height: 40px;
      padding: 0 12px;
      border: 0;
      border-radius: 20px;
      background: transparent;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
      letter-spacing: var(--mat-sys-label-large-tracking);
      text-decoration: none;
      cursor: pointer;
    }
    .btn:hover {
      background: color-mix(in srgb, var(--mat-sys-primary) 8%, transparent);
    }
    .btn.filled {
      padding: 0 24px;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
    }
    .btn.filled:hover {
      background: color-mix(in srgb, var(--mat-sys-primary) 92%, var(--mat-sys-on-primary));
    }
    .btn.outlined {
      padding: 0 24px;
      border: 1px solid var(--mat-sys-outline);
    }
    .brand {
      font-weight: 700;
      font-size: 1.25rem;
      text-decoration: none;
      color: var(--mat-sys-primary);
      margin-right: 8px;
    }
    .nav {
      display: flex;
      gap: 4px;
    }
    .active {
      text-decoration: underline;
    }
    .spacer {
      flex: 1;
    }
    .who {
      font-size: 0.95rem;
      margin-right: 4px;
    }
    .skip {
      position: absolute;
      left: -999px;
    }
    .skip:focus {
      left: 8px;
      top: 8px;
      z-index: 100;
      background: #fff;
      padding: 8px;
    }
    main:focus {
      outline: none;
    }
    @media (max-width: 599px) {
      .bar {
        padding: 0 8px;
        gap: 4px;
      }
      .who,
      .nav-catalog {
        display: none;
      }
    }
  `,
})
export class AppComponent {
  protected readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  /** The first routed page has rendered and the browser has had an idle moment since. */
  private readonly firstPageSettled = signal(false);
  protected readonly callLayerWanted = computed(
    () => this.firstPageSettled() && this.session.isAuthenticated(),
  );

  constructor() {
    this.router.events
      .pipe(
        filter((e) => e instanceof NavigationEnd || e instanceof NavigationError),
        take(1),
      )
      .subscribe(() =>
        afterNextRender(() => whenIdle(() => this.firstPageSettled.set(true)), {
          injector: this.injector,
        }),
      );
  }

  protected logout(): void {
    this.session.end('logout');
    void this.router.navigateByUrl('/');
  }
}
