import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { CallsApi, describeError } from '@callshop/web/core';
import type { CallViewer } from '../call-outcome';
import { CallMessagesComponent } from './call-messages.component';

/** A past call's chat and product cards, for the call history of either app. */
@Component({
  selector: 'cs-call-conversation',
  imports: [CallMessagesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="cs-conversation" data-testid="call-conversation" [attr.aria-busy]="messages.isLoading()">
      @if (messages.error(); as error) {
        <p role="alert">{{ describe(error) }}</p>
      } @else if (messages.hasValue()) {
        <cs-call-messages [messages]="messages.value()" [viewer]="viewer()" />
      } @else {
        <p>Loading the conversation…</p>
      }
    </div>
  `,
  styles: `
    .cs-conversation {
      padding: 8px 0;
      max-width: 640px;
    }
  `,
})
export class CallConversationComponent {
  private readonly api = inject(CallsApi);
  readonly callId = input.required<string>();
  readonly viewer = input.required<CallViewer>();
  protected readonly messages = rxResource({
    params: () => this.callId(),
    stream: ({ params }) => this.api.messages(params),
  });
  protected readonly describe = (error: unknown) =>
    describeError(error, 'The conversation could not be loaded.');
}
