import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { CallManager } from './call-manager.service';
import { DraggableSelfViewDirective } from './draggable-self-view.directive';
import { MediaStreamDirective } from './media-stream.directive';

/**
 * The live call shrunk to a small box in a corner while the user goes on using the app: the
 * other side's video (and sound), mute, hang up, and back to the full view (the button, or a
 * click on the video). It can be dragged anywhere on the screen. The page is not inert.
 */
@Component({
  selector: 'cs-mini-call',
  // A click on the box is a pointer shortcut; "Back to call" is the way for the keyboard.
  host: { '(click)': 'clicked($event)' },
  imports: [MatButton, MediaStreamDirective, DraggableSelfViewDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section
      class="cs-mini-call"
      role="region"
      [attr.aria-label]="'Call with ' + manager.counterpart()"
      data-testid="mini-call"
      csDraggableSelfView
      (pointerdown)="pressed($event)"
    >
      <video
        class="cs-mini-video"
        data-testid="remote-video"
        autoplay
        playsinline
        [csMediaStream]="media.remoteStream()"
        [attr.aria-label]="'Video of ' + manager.counterpart()"
      ></video>
      <p class="cs-mini-status" data-testid="call-status">{{ status() }}</p>
      <div class="cs-mini-actions" role="group" aria-label="Call controls">
        <button mat-stroked-button type="button" data-testid="mini-expand" (click)="manager.restoreCall()">
          Back to call
        </button>
        <button
          mat-stroked-button
          type="button"
          (click)="media.setMicEnabled(!media.micEnabled())"
          [attr.aria-pressed]="!media.micEnabled()"
        >
          {{ media.micEnabled() ? 'Mute' : 'Unmute' }}
        </button>
        <button mat-flat-button type="button" class="cs-hangup-btn" (click)="manager.hangup()">
          Hang up
        </button>
      </div>
    </section>
  `,
  styles: `
    .cs-mini-call {
      position: fixed;
      right: 16px;
      bottom: 16px;
      z-index: 1000;
      width: min(280px, calc(100vw - 32px));
      display: grid;
      gap: 6px;
      padding: 8px;
      border-radius: 12px;
      background: #111;
      color: #fff;
      box-shadow: 0 6px 24px rgb(0 0 0 / 35%);
    }
    .cs-mini-video {
      width: 100%;
      aspect-ratio: 16 / 9;
      object-fit: cover;
      border-radius: 8px;
      background: #000;
      cursor: pointer;
    }
    .cs-mini-status {
      margin: 0;
      font-size: 0.85rem;
    }
    .cs-mini-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    .cs-mini-actions button {
      min-height: 44px;
      flex: 1 1 auto;
    }
    .cs-mini-actions .mat-mdc-outlined-button {
      color: #fff;
      --mat-button-outlined-outline-color: rgb(255 255 255 / 60%);
    }
    .cs-hangup-btn {
      --mat-button-filled-container-color: #c62828;
      --mat-button-filled-label-text-color: #fff;
    }
  `,
})
export class MiniCallComponent {
  protected readonly manager = inject(CallManager);
  protected readonly media = this.manager.media;
  private readonly now = signal(Date.now());
  protected readonly status = computed(() => this.manager.statusText(this.now()));
  /** Where the last press started: a click at the end of a drag does not open the call. */
  private downAt: { x: number; y: number } | null = null;

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected pressed(event: PointerEvent): void {
    this.downAt = { x: event.clientX, y: event.clientY };
  }

  /** A click on the box (not on its buttons, not the end of a drag) opens the call again. */
  protected clicked(event: MouseEvent): void {
    if ((event.target as Element | null)?.closest?.('button')) return;
    const from = this.downAt;
    if (from && Math.hypot(event.clientX - from.x, event.clientY - from.y) > 6) return;
    this.manager.restoreCall();
  }
}
