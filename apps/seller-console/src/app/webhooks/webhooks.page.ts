import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import {
  WEBHOOK_EVENTS,
  type WebhookDeliveryDto,
  type WebhookEndpointDto,
  type WebhookEventType,
} from '@callshop/contracts';
import { describeError, mapApiErrors, WebhooksApi } from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';

/** What each event means to a shop owner choosing them. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'call.started': 'A call starts ringing',
  'call.ended': 'A call ends (hung up, declined, cancelled, failed)',
  'call.missed': 'A call is missed',
  'callback.requested': 'A customer asks for a callback',
  'order.placed': 'A customer places an order',
};

interface DeliveryLog {
  loading: boolean;
  error: string | null;
  items: WebhookDeliveryDto[];
}

/**
 * The owner's webhooks: endpoints that receive the shop's events, signed (the secret is shown
 * once, after adding one), each with its delivery log and a Redeliver button.
 */
@Component({
  selector: 'cs-webhooks-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './webhooks.page.html',
  styleUrl: './webhooks.page.scss',
})
export class WebhooksPage {
  private readonly api = inject(WebhooksApi);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly events = WEBHOOK_EVENTS;
  protected readonly labels = WEBHOOK_EVENT_LABELS;
  protected readonly endpoints = signal<WebhookEndpointDto[]>([]);
  protected readonly listError = signal<string | null>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly saving = signal(false);
  /** The secret of the endpoint just added: shown once, until the page is left. */
  protected readonly created = signal<{ url: string; secret: string } | null>(null);
  protected readonly logs = signal<Record<string, DeliveryLog>>({});
  protected readonly actionError = signal<string | null>(null);

  protected readonly form = this.fb.group({
    url: ['', [Validators.required]],
    description: [''],
  });
  protected readonly picked = signal<Set<WebhookEventType>>(new Set(['call.missed', 'callback.requested']));

  constructor() {
    void this.load();
  }

  protected toggleEvent(event: WebhookEventType, on: boolean): void {
    const next = new Set(this.picked());
    if (on) next.add(event);
    else next.delete(event);
    this.picked.set(next);
  }

  async add(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    if (this.picked().size === 0) {
      this.formError.set('Pick at least one event.');
      return;
    }
    this.saving.set(true);
    this.formError.set(null);
    this.created.set(null);
    const v = this.form.getRawValue();
    try {
      const endpoint = await firstValueFrom(
        this.api.create({
          url: v.url.trim(),
          description: v.description.trim() || undefined,
          events: WEBHOOK_EVENTS.filter((e) => this.picked().has(e)),
        }),
      );
      this.created.set({ url: endpoint.url, secret: endpoint.secret });
      this.form.reset();
      await this.load();
    } catch (error) {
      const mapped = mapApiErrors(error, ['url', 'description', 'events']);
      this.formError.set(mapped.form ?? Object.values(mapped.fields).join(' '));
    } finally {
      this.saving.set(false);
    }
  }

  async setEnabled(endpoint: WebhookEndpointDto, enabled: boolean): Promise<void> {
    await this.act(async () => {
      const updated = await firstValueFrom(this.api.update(endpoint.id, { enabled }));
      this.endpoints.update((list) => list.map((e) => (e.id === updated.id ? updated : e)));
    });
  }

  async remove(endpoint: WebhookEndpointDto): Promise<void> {
    if (!confirm(`Delete the webhook to ${endpoint.url} and its delivery log?`)) return;
    await this.act(async () => {
      await firstValueFrom(this.api.remove(endpoint.id));
      this.endpoints.update((list) => list.filter((e) => e.id !== endpoint.id));
    });
  }

  /** Shows (or hides) an endpoint's latest deliveries. */
  async toggleLog(endpoint: WebhookEndpointDto): Promise<void> {
    if (this.logs()[endpoint.id]) {
      const { [endpoint.id]: _closed, ...rest } = this.logs();
      this.logs.set(rest);
      return;
    }
    await this.loadLog(endpoint.id);
  }

  async redeliver(endpointId: string, delivery: WebhookDeliveryDto): Promise<void> {
    await this.act(async () => {
      await firstValueFrom(this.api.redeliver(endpointId, delivery.id));
      await this.loadLog(endpointId);
    });
  }

  protected lastAttempt(d: WebhookDeliveryDto): string {
    const a = d.attempts.at(-1);
    if (!a) return 'not tried yet';
    const answer = a.responseStatus === null ? (a.error ?? 'no answer') : `HTTP ${a.responseStatus}`;
    return `${answer} in ${a.durationMs} ms`;
  }

  private async loadLog(endpointId: string): Promise<void> {
    this.logs.update((l) => ({
      ...l,
      [endpointId]: { loading: true, error: null, items: l[endpointId]?.items ?? [] },
    }));
    try {
      const page = await firstValueFrom(this.api.deliveries(endpointId, { limit: 20 }));
      this.logs.update((l) => ({ ...l, [endpointId]: { loading: false, error: null, items: page.items } }));
    } catch (error) {
      this.logs.update((l) => ({
        ...l,
        [endpointId]: { loading: false, error: describeError(error), items: [] },
      }));
    }
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.actionError.set(null);
    try {
      await action();
    } catch (error) {
      this.actionError.set(describeError(error));
    }
  }

  private async load(): Promise<void> {
    try {
      this.endpoints.set(await firstValueFrom(this.api.list()));
      this.listError.set(null);
    } catch (error) {
      this.listError.set(describeError(error, 'The webhooks could not be loaded.'));
    }
  }
}
