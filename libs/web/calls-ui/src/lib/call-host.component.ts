import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  TemplateRef,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { CallManager } from './call-manager.service';
import { PageBehindCall, phaseAnnouncement } from './call-modal';
import { CallOutcomePanelComponent } from './call-outcome-panel.component';
import { peerDroppedAnnouncement } from './call-status-label';
import { InCallComponent, type CallPanelContext } from './in-call.component';
import { IncomingCallComponent } from './incoming-call.component';
import { MiniCallComponent } from './mini-call.component';
import { OutgoingCallComponent } from './outgoing-call.component';
import { RejoinCallComponent } from './rejoin-call.component';
import { SCREEN_WAKE_LOCK } from './screen-wake-lock';
import { callViewPhase } from './call-view-phase';
import { WaitingLinePanelComponent } from './waiting-line/waiting-line-panel.component';

/**
 * Drop once in an app's root template (`<cs-call-host />`): shows whichever call view the
 * current call needs, wherever the user is in the app. While one is open the rest of the page
 * is inert and focus stays in the call view (each view traps it), coming back afterwards to
 * where it was; a live call shrunk to the mini view leaves the page usable; phase changes are announced to screen readers; the screen is kept awake
 * while the call is live.
 */
@Component({
  selector: 'cs-call-host',
  imports: [
    IncomingCallComponent,
    OutgoingCallComponent,
    InCallComponent,
    CallOutcomePanelComponent,
    RejoinCallComponent,
    MiniCallComponent,
    WaitingLinePanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (viewPhase()) {
      @case ('incoming') {
        <div class="cs-overlay"><cs-incoming-call /></div>
      }
      @case ('accepting') {
        <div class="cs-overlay"><cs-incoming-call /></div>
      }
      @case ('preparing') {
        <div class="cs-overlay"><cs-outgoing-call /></div>
      }
      @case ('outgoing') {
        <div class="cs-overlay"><cs-outgoing-call /></div>
      }
      @case ('rejoin') {
        <div class="cs-overlay"><cs-rejoin-call /></div>
      }
      @case ('ended') {
        <div class="cs-overlay"><cs-call-outcome-panel /></div>
      }
      @case ('idle') {
        <!-- Waiting in a shop's line: a corner card, the page stays usable. -->
        <cs-waiting-line-panel />
      }
      @default {
        @if (manager.minimized()) {
          <cs-mini-call />
        } @else {
          <cs-in-call [productPanel]="productPanel()" />
        }
      }
    }
  `,
  styles: `
    .cs-overlay {
      position: fixed;
      inset: 0;
      z-index: 1000;
      display: grid;
      /* A card taller than the screen (a phone, the rating form) starts at the top and scrolls. */
      place-items: safe center;
      background: rgb(0 0 0 / 45%);
      padding: 12px;
      overflow-y: auto;
    }
  `,
})
export class CallHostComponent {
  protected readonly manager = inject(CallManager);
  /** Side panel for the in-call view, e.g. the product being discussed. */
  readonly productPanel = input<TemplateRef<CallPanelContext> | null>(null);
  /** The view shown: the call's phase, the card kept a moment after the answer (see {@link callViewPhase}). */
  protected readonly viewPhase = callViewPhase(this.manager.phase, this.manager.mediaConnected);

  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    const announcer = inject(LiveAnnouncer);
    const wakeLock = inject(SCREEN_WAKE_LOCK);
    const page = new PageBehindCall();
    effect(() => {
      const phase = this.manager.phase();
      const outcome = this.manager.outcome();
      const peerDropped = this.manager.peerDropped();
      const minimized = this.manager.minimized();
      untracked(() => {
        // The mini view leaves the page usable; the full views make it inert.
        if (phase === 'idle' || minimized) page.close();
        else page.open(host);
        wakeLock.hold(phase === 'connecting' || phase === 'in-call' || phase === 'reconnecting');
        const message = peerDropped
          ? peerDroppedAnnouncement(this.manager.otherSide())
          : phaseAnnouncement(phase, this.manager.counterpart(), outcome);
        if (message) void announcer.announce(message, 'polite');
      });
    });
    inject(DestroyRef).onDestroy(() => {
      page.close();
      wakeLock.hold(false);
    });
  }
}
