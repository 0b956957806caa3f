import { Injectable, inject, signal } from '@angular/core';
import type { CallSummaryDto } from '@callshop/contracts';
import { AuthSession, CallSocket, CallsApi } from '@callshop/web/core';
import { Subject, debounceTime, merge } from 'rxjs';

/**
 * The badge counts (missed calls, open callback requests). Refreshed from `/calls/summary`
 * whenever something that changes them is pushed over the socket, so they stay live.
 */
@Injectable({ providedIn: 'root' })
export class CallSummaryStore {
  private readonly api = inject(CallsApi);
  private readonly socket = inject(CallSocket);
  private readonly session = inject(AuthSession);
  private readonly summarySignal = signal<CallSummaryDto | null>(null);
  private readonly requested = new Subject<void>();
  /** Bumped on every change that may alter the history or the callbacks. */
  private readonly changesSignal = signal(0);

  readonly summary = this.summarySignal.asReadonly();
  /** A counter pages watch to reload their lists when calls or callbacks change. */
  readonly changes = this.changesSignal.asReadonly();

  constructor() {
    // Not on `call:incoming`: a ringing call changes no count, and reloading the lists while
    // the call is being set up would compete with its signaling on the API.
    merge(
      this.socket.on('call:ended'),
      this.socket.on('callback:updated'),
      this.socket.on('session:ready'),
      this.requested,
    )
      .pipe(debounceTime(150))
      .subscribe(() => {
        this.changesSignal.update((n) => n + 1);
        this.load();
      });
  }

  refresh(): void {
    this.requested.next();
  }

  private load(): void {
    if (this.session.role() !== 'seller') return;
    this.api.summary().subscribe({
      next: (s) => this.summarySignal.set(s),
      error: () => undefined, // keep the last counts; the next event retries
    });
  }
}
