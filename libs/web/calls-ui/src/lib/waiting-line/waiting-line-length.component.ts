import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import type { WaitingLineView } from '@callshop/contracts';
import { API_BASE_URL, AuthSession, CallSocket, SocketState } from '@callshop/web/core';

/**
 * The seller's view of their shop's waiting line: how many customers wait for a free staff
 * member, kept live by the server's `line:length` pushes (read once on open and after every
 * reconnect).
 */
@Component({
  selector: 'cs-waiting-line-length',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="stat" [class.stat--alert]="(length() ?? 0) > 0">
      <span class="stat__value" data-testid="waiting-line-length" aria-live="polite">{{
        length() ?? '–'
      }}</span>
      <span class="stat__label">{{ length() === 1 ? 'customer waiting' : 'customers waiting' }} in line</span>
    </div>
  `,
  // A figure tile like the calls page's others (the console's global `.stat` styles); customers
  // waiting are news, not a fault, so its alert colour is the tertiary one, not the error one.
  styles: `
    .stat--alert {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
  `,
})
export class WaitingLineLengthComponent {
  private readonly http = inject(HttpClient);
  private readonly api = inject(API_BASE_URL);
  private readonly socket = inject(CallSocket);
  private readonly session = inject(AuthSession);
  private readonly shopId = computed(() => this.session.user()?.shopId ?? null);
  protected readonly length = signal<number | null>(null);

  constructor() {
    const pushes = this.socket.on('line:length').subscribe((p) => {
      if (p.shopId === this.shopId()) this.length.set(p.length);
    });
    inject(DestroyRef).onDestroy(() => pushes.unsubscribe());
    effect(() => {
      const shopId = this.shopId();
      const up = this.socket.state() === SocketState.Connected;
      if (shopId && up) untracked(() => this.load(shopId));
    });
  }

  private load(shopId: string): void {
    this.http.get<WaitingLineView>(`${this.api}/shops/${shopId}/waiting-line`).subscribe({
      next: (view) => this.length.set(view.length),
      error: () => undefined,
    });
  }
}
