import { DOCUMENT } from '@angular/common';
import { InjectionToken, inject } from '@angular/core';

/** The parts of the Screen Wake Lock API this uses (`navigator.wakeLock`). */
export interface WakeLockApi {
  request(type: 'screen'): Promise<WakeLockHandle>;
}
export interface WakeLockHandle {
  readonly released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', listener: () => void): void;
}

/**
 * Keeps the screen on while a call is on (a phone would otherwise dim and lock mid-call).
 * The browser drops the lock whenever the page is hidden, so it is asked for again when the
 * page is visible again; `hold(false)` releases it. Where the API is missing (older Safari,
 * Firefox before 126, insecure pages) it does nothing.
 */
export class ScreenWakeLock {
  private wanted = false;
  private lock: WakeLockHandle | null = null;
  private pending: Promise<void> | null = null;
  private readonly onVisibility = () => {
    if (this.doc.visibilityState === 'visible') void this.acquire();
  };

  constructor(
    private readonly api: WakeLockApi | undefined,
    private readonly doc: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>,
  ) {}

  /** Whether a lock is held right now. */
  get held(): boolean {
    return !!this.lock && !this.lock.released;
  }

  /** Keep the screen on (`true`) or let it sleep again (`false`). */
  hold(on: boolean): void {
    if (!this.api || on === this.wanted) return;
    this.wanted = on;
    if (on) {
      this.doc.addEventListener('visibilitychange', this.onVisibility);
      void this.acquire();
    } else {
      this.doc.removeEventListener('visibilitychange', this.onVisibility);
      const lock = this.lock;
      this.lock = null;
      void lock?.release().catch(() => undefined);
    }
  }

  private acquire(): Promise<void> {
    if (!this.api || !this.wanted || this.held || this.doc.visibilityState !== 'visible') {
      return Promise.resolve();
    }
    this.pending ??= this.api
      .request('screen')
      .then((lock) => {
        if (!this.wanted) {
          void lock.release().catch(() => undefined);
          return;
        }
        this.lock = lock;
        lock.addEventListener('release', () => {
          if (this.lock === lock) this.lock = null;
        });
      })
      // Refused (battery saver, page not visible after all): the call goes on without it.
      .catch(() => undefined)
      .finally(() => (this.pending = null));
    return this.pending;
  }
}

/** The app's {@link ScreenWakeLock}, over `navigator.wakeLock` when the browser has it. */
export const SCREEN_WAKE_LOCK = new InjectionToken<ScreenWakeLock>('SCREEN_WAKE_LOCK', {
  providedIn: 'root',
  factory: () => {
    const api =
      typeof navigator !== 'undefined' ? (navigator as { wakeLock?: WakeLockApi }).wakeLock : undefined;
    return new ScreenWakeLock(api, inject(DOCUMENT));
  },
});
