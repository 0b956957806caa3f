import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatToolbar } from '@angular/material/toolbar';
import {
  NavigationEnd,
  NavigationError,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { AuthSession } from '@callshop/web/core';
import { CallHostComponent } from '@callshop/web/calls-ui';
import { filter, take } from 'rxjs';

/**
 * The storefront shell: header, the routed page, and the call host so calls work on every page.
 * The call layer (the host, its views, WebRTC, the Socket.io client, the ringtone) is loaded
 * only for a signed-in user, once the first page has rendered and the browser is idle: a
 * seller's call-back still rings, and nobody's first paint waits for it.
 */
@Component({
  selector: 'cs-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbar, MatButton, CallHostComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip" href="#main">Skip to content</a>
    <mat-toolbar class="bar" role="banner">
      <a routerLink="/" class="brand" aria-label="Callshop home">Callshop</a>
      <nav aria-label="Main" class="nav">
        <a
          mat-button
          class="nav-catalog"
          routerLink="/"
          routerLinkActive="active"
          [routerLinkActiveOptions]="{ exact: true }"
          >Catalog</a
        >
        @if (session.isAuthenticated()) {
          <a mat-button routerLink="/calls" routerLinkActive="active">My calls</a>
        }
      </nav>
      <span class="spacer"></span>
      @if (session.user(); as user) {
        <span class="who" data-testid="current-user">{{ user.name }}</span>
        <button mat-stroked-button type="button" (click)="logout()">Log out</button>
      } @else {
        <a mat-button routerLink="/login">Log in</a>
        <a mat-flat-button routerLink="/register">Sign up</a>
      }
    </mat-toolbar>
    <main id="main" tabindex="-1">
      <router-outlet />
    </main>
    <!-- Signed in: the call UI loads once the first page is up, outside the initial bundle. -->
    @defer (when callLayerWanted()) {
      <cs-call-host />
    }
  `,
  styles: `
    .bar {
      position: sticky;
      top: 0;
      z-index: 10;
      gap: 8px;
      flex-wrap: wrap;
      height: auto;
      min-height: 64px;
      background: var(--mat-sys-surface-container);
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

/** Runs `fn` when the browser is idle (within 2 s), or soon where it cannot tell (Safari). */
function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 2000 });
  else setTimeout(fn, 200);
}
