import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { TimelineItem } from '@callshop/contracts';
import { CustomersApi, describeError } from '@callshop/web/core';
import { DurationPipe, PricePipe } from '@callshop/web/ui';
import { firstValueFrom } from 'rxjs';
import { parseTags, tagsProblem } from './note-tags';

/**
 * One customer's history with the shop: calls with the shop's private notes (and a form to add
 * one), callback requests and orders, newest first. Customers never see the notes.
 */
@Component({
  selector: 'cs-customer-timeline-page',
  imports: [DatePipe, DurationPipe, PricePipe, MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <p><a routerLink="/calls">← Calls</a></p>
      @if (timeline.isLoading() && !timeline.hasValue()) {
        <p role="status">Loading the timeline…</p>
      } @else if (timeline.error()) {
        <p class="cs-error" role="alert">{{ loadError() }}</p>
      } @else if (timeline.hasValue()) {
        @let t = timeline.value();
        <h1 data-testid="timeline-customer">{{ t.customer.name }}</h1>
        <p class="hint">Notes and tags are private to your shop: the customer never sees them.</p>
        <ol class="items">
          @for (item of t.items; track key(item)) {
            <li [attr.data-kind]="item.kind" data-testid="timeline-item">
              <span class="when">{{ item.at | date: 'medium' }}</span>
              @switch (item.kind) {
                @case ('call') {
                  <strong>{{
                    item.call.direction === 'incoming' ? 'Call from the customer' : 'Call to the customer'
                  }}</strong>
                  · {{ item.call.status }}
                  @if (item.call.durationSeconds !== null) {
                    · {{ item.call.durationSeconds | csDuration }}
                  }
                  @if (item.call.product; as p) {
                    · {{ p.name }}
                  }
                  @if (item.call.staff; as s) {
                    · {{ s.name }}
                  }
                  <ul class="notes">
                    @for (n of item.notes; track n.id) {
                      <li data-testid="call-note">
                        {{ n.body }}
                        @for (tag of n.tags; track tag) {
                          <span class="tag" data-testid="call-note-tag">{{ tag }}</span>
                        }
                        <span class="by">— {{ n.author?.name ?? 'former staff' }}</span>
                      </li>
                    }
                  </ul>
                  <form
                    class="note-form"
                    (submit)="$event.preventDefault(); addNote(item.call.id, body, tags)"
                  >
                    <label>
                      Note
                      <textarea #body maxlength="2000" rows="2" data-testid="note-body"></textarea>
                    </label>
                    <label>
                      Tags (comma-separated)
                      <input #tags type="text" data-testid="note-tags" />
                    </label>
                    <button mat-stroked-button type="submit" [disabled]="busy()">Add note</button>
                  </form>
                }
                @case ('callback') {
                  <strong>Callback request</strong> · {{ item.callback.status }}
                  @if (item.callback.product; as p) {
                    · {{ p.name }}
                  }
                  @if (item.callback.note; as note) {
                    <q>{{ note }}</q>
                  }
                }
                @case ('order') {
                  <strong>Order</strong> · {{ item.order.status }} · {{ item.order.items }} item(s) ·
                  {{ item.order.total | csPrice: item.order.currency }}
                  @if (item.order.assistedByCallId) {
                    · assisted by a call
                  }
                }
              }
            </li>
          } @empty {
            <li>Nothing yet.</li>
          }
        </ol>
      }
      @if (error(); as text) {
        <p class="cs-error" role="alert">{{ text }}</p>
      }
    </section>
  `,
  styles: `
    .page {
      padding: 16px;
      max-width: 860px;
    }
    .hint,
    .when,
    .by {
      color: var(--mat-sys-on-surface-variant);
    }
    .items {
      list-style: none;
      padding: 0;
    }
    .items > li {
      padding: 12px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .when {
      display: block;
      font-size: 0.85rem;
    }
    .tag {
      margin-left: 6px;
      padding: 1px 8px;
      border-radius: 10px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font-size: 0.8rem;
    }
    .note-form {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: end;
    }
    .note-form label {
      display: flex;
      flex-direction: column;
      font-size: 0.85rem;
    }
  `,
})
export class CustomerTimelinePage {
  private readonly api = inject(CustomersApi);
  /** The route's `:id`. */
  readonly id = input.required<string>();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly timeline = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.timeline(params),
  });
  protected readonly loadError = computed(() => describeError(this.timeline.error()));

  protected key(item: TimelineItem): string {
    return item.kind === 'call' ? item.call.id : item.kind === 'callback' ? item.callback.id : item.order.id;
  }

  protected async addNote(
    callId: string,
    body: HTMLTextAreaElement,
    tagsInput: HTMLInputElement,
  ): Promise<void> {
    const text = body.value.trim();
    const tags = parseTags(tagsInput.value);
    const problem = text ? tagsProblem(tags) : 'Write the note first.';
    this.error.set(problem);
    if (problem) return;
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.addNote(callId, { body: text, tags }));
      body.value = '';
      tagsInput.value = '';
      this.timeline.reload();
    } catch (e) {
      this.error.set(describeError(e));
    } finally {
      this.busy.set(false);
    }
  }
}
