import { ChangeDetectionStrategy, Component, TemplateRef, inject, input } from '@angular/core';
import { CallManager } from './call-manager.service';
import { CallOutcomePanelComponent } from './call-outcome-panel.component';
import { InCallComponent, type CallPanelContext } from './in-call.component';
import { IncomingCallComponent } from './incoming-call.component';
import { OutgoingCallComponent } from './outgoing-call.component';
import { RejoinCallComponent } from './rejoin-call.component';

/**
 * Drop once in an app's root template (`<cs-call-host />`): shows whichever call view the
 * current call needs, wherever the user is in the app.
 */
@Component({
  selector: 'cs-call-host',
  imports: [
    IncomingCallComponent,
    OutgoingCallComponent,
    InCallComponent,
    CallOutcomePanelComponent,
    RejoinCallComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (manager.phase()) {
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
      @case ('idle') {}
      @default {
        <cs-in-call [productPanel]="productPanel()" />
      }
    }
  `,
  styles: `
    .cs-overlay {
      position: fixed;
      inset: 0;
      z-index: 1000;
      display: grid;
      place-items: center;
      background: rgb(0 0 0 / 45%);
      padding: 16px;
    }
  `,
})
export class CallHostComponent {
  protected readonly manager = inject(CallManager);
  /** Side panel for the in-call view, e.g. the product being discussed. */
  readonly productPanel = input<TemplateRef<CallPanelContext> | null>(null);
}
