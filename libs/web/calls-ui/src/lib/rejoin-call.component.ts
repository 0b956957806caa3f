import { A11yModule } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { CallManager } from './call-manager.service';
import { FocusOnOpen } from './focus-on-open.directive';

/**
 * "Your call with <name> is still on": shown when the page was reloaded (or reopened) during
 * an answered call. Rejoin takes the call back to this page; Hang up ends it.
 */
@Component({
  selector: 'cs-rejoin-call',
  imports: [A11yModule, FocusOnOpen, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="cs-call-card"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="cs-rejoin-title"
      aria-describedby="cs-rejoin-desc"
      data-testid="rejoin-call"
      cdkTrapFocus
      csFocusOnOpen
    >
      <p class="cs-call-kind">{{ kind() }}</p>
      <h2 id="cs-rejoin-title" data-testid="call-status">
        Your call with {{ manager.counterpart() }} is still on
      </h2>
      <p id="cs-rejoin-desc" class="cs-detail">
        {{ manager.rejoining() ? 'Rejoining…' : 'Rejoin to carry on talking, or hang up to end the call.' }}
      </p>
      @if (manager.actionError()) {
        <p class="cs-error" role="alert">{{ manager.actionError() }}</p>
      }
      <div class="cs-call-actions">
        <button mat-stroked-button type="button" class="cs-hangup" (click)="manager.hangup()">Hang up</button>
        <button
          mat-flat-button
          type="button"
          class="cs-accept"
          cdkFocusInitial
          [disabled]="manager.rejoining()"
          (click)="manager.rejoin()"
        >
          Rejoin
        </button>
      </div>
    </div>
  `,
  styleUrl: './call-card.css',
})
export class RejoinCallComponent {
  protected readonly manager = inject(CallManager);
  protected readonly kind = computed(() =>
    this.manager.call()?.type === 'audio' ? 'Voice call in progress' : 'Video call in progress',
  );
}
