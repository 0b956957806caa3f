import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type {
  CallbackPreference,
  CallbackRequestDto,
  CallbackStatus,
  CallHistoryItem,
  CallStatus,
  Page,
  ShopContactDto,
} from '@callshop/contracts';
import { CALL_STATUSES } from '@callshop/contracts';
import {
  attachmentName,
  CallbacksApi,
  CallSocket,
  CallsApi,
  describeError,
  ExportsApi,
  saveFile,
} from '@callshop/web/core';
import {
  CallConversationComponent,
  CallManager,
  type CallQualityView,
  callStatusLabel,
  describeCallQuality,
  WaitingLineLengthComponent,
} from '@callshop/web/calls-ui';
import { DurationPipe, telHref } from '@callshop/web/ui';
import { firstValueFrom, map } from 'rxjs';
import { storefrontProductUrl } from '../call/product-link';
import { BlockedCallersStore } from './blocked-callers.store';
import { callBackOptions, contactIndex, isMissed, type CallBackOptions } from './call-back-rules';
import { CallSummaryStore } from './call-summary.store';
import { OpeningHoursEditorComponent } from './opening-hours-editor.component';
import { AppointmentsPanelComponent } from './appointments-panel.component';
import {
  DEFAULT_HISTORY_FILTERS,
  HISTORY_PAGE_SIZE,
  dateRangeError,
  filtersFromParams,
  filtersToParams,
  filtersToQuery,
  hasFilters,
  type HistoryFilters,
} from './history-filters';

/** A closed callback request's state, as the shop's staff read it. */
const CALLBACK_STATUS_NAMES: Record<CallbackStatus, string> = {
  open: 'Open',
  called_back: 'Called back',
  done: 'Marked done',
  cancelled: 'Cancelled',
};

interface Loadable<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

/**
 * Missed calls and callback requests first, then the shop's call history with filters; each
 * answered call shows its talk time and, folded, how its connection held up on both sides.
 * Any row's customer can be blocked ("Block caller"); the blocked ones are listed last, with Unblock.
 */
@Component({
  selector: 'cs-calls-page',
  imports: [
    DatePipe,
    RouterLink,
    DurationPipe,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatPaginatorModule,
    MatTooltipModule,
    OpeningHoursEditorComponent,
    AppointmentsPanelComponent,
    CallConversationComponent,
    WaitingLineLengthComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './calls.page.html',
  styleUrl: './calls.page.scss',
})
export class CallsPage {
  private readonly callsApi = inject(CallsApi);
  private readonly callbacksApi = inject(CallbacksApi);
  private readonly exportsApi = inject(ExportsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  protected readonly manager = inject(CallManager);
  protected readonly store = inject(CallSummaryStore);
  protected readonly blocked = inject(BlockedCallersStore);

  protected readonly statuses = CALL_STATUSES.filter((s) => s !== 'ringing' && s !== 'accepted');
  protected readonly pageSize = HISTORY_PAGE_SIZE;
  protected readonly filters = toSignal(
    this.route.queryParamMap.pipe(
      map((p) => filtersFromParams(Object.fromEntries(p.keys.map((k) => [k, p.get(k)])))),
    ),
    { initialValue: DEFAULT_HISTORY_FILTERS },
  );
  protected readonly rangeError = computed(() => dateRangeError(this.filters()));
  protected readonly filtered = computed(() => hasFilters(this.filters()));

  protected readonly history = signal<Loadable<Page<CallHistoryItem>>>({
    data: null,
    loading: true,
    error: null,
  });
  protected readonly callbacks = signal<Loadable<Page<CallbackRequestDto>>>({
    data: null,
    loading: true,
    error: null,
  });
  protected readonly callbackFilter = signal<CallbackStatus | ''>('open');
  private readonly contacts = signal<ShopContactDto[]>([]);
  private readonly contactsById = computed(() => contactIndex(this.contacts()));
  /** Customers' online status as `presence:customer` pushed it since the contacts loaded. */
  private readonly presence = signal(new Map<string, boolean>());
  protected readonly marking = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  /** The call whose messages and product cards are shown in its row. */
  protected readonly conversation = signal<string | null>(null);
  /** An export of the history is being downloaded; its failure, if it failed. */
  protected readonly exporting = signal(false);
  protected readonly exportError = signal<string | null>(null);

  constructor() {
    void this.blocked.load();
    inject(CallSocket)
      .on('presence:customer')
      .pipe(takeUntilDestroyed())
      .subscribe(({ customerId, online }) => this.presence.update((m) => new Map(m).set(customerId, online)));
    effect(() => {
      const filters = this.filters();
      this.store.changes();
      untracked(() => void this.loadHistory(filters));
    });
    effect(() => {
      const status = this.callbackFilter();
      this.store.changes();
      untracked(() => {
        void this.loadCallbacks(status);
        void this.loadContacts();
      });
    });
  }

  /** The ways to call a customer back, the one they asked for first (phone only when there is a number). */
  protected callBackWays(preference: CallbackPreference, hasPhone: boolean): ('video' | 'phone')[] {
    return preference === 'phone' && hasPhone
      ? ['phone', 'video']
      : hasPhone
        ? ['video', 'phone']
        : ['video'];
  }

  /** Whether a customer who contacted the shop is online now (live, from presence). */
  protected customerOnline(customerId: string): boolean {
    return this.presence().get(customerId) ?? this.contactsById().get(customerId)?.online ?? false;
  }

  protected callbackStatusName(status: CallbackStatus): string {
    return CALLBACK_STATUS_NAMES[status];
  }

  protected options(customerId: string): CallBackOptions {
    return callBackOptions(customerId, this.contactsById(), { busy: this.manager.busy() });
  }

  /** A callback request is itself a contact, so its number may be used even before the list reloads. */
  protected requestPhone(
    request: CallbackRequestDto,
    opt: CallBackOptions,
  ): { href: string; number: string } | null {
    if (opt.phoneHref && opt.phoneNumber) return { href: opt.phoneHref, number: opt.phoneNumber };
    const href = telHref(request.customerPhone);
    return href && request.customerPhone ? { href, number: request.customerPhone } : null;
  }

  protected missed(item: CallHistoryItem): boolean {
    return isMissed(item.status, item.direction);
  }

  protected label(item: CallHistoryItem): string {
    return callStatusLabel(item, 'shop');
  }

  /** How the connection held up, for calls that reported figures. */
  protected quality(item: CallHistoryItem): CallQualityView | null {
    return describeCallQuality(item);
  }

  protected statusName(status: CallStatus): string {
    return callStatusLabel({ status, endReason: null, direction: 'incoming' }, 'shop').replace(
      ' (hung up)',
      '',
    );
  }

  protected productUrl(id: string): string {
    return storefrontProductUrl(id);
  }

  protected setFilter(change: Partial<HistoryFilters>): void {
    const next = { ...this.filters(), ...change, page: change.page ?? 1 };
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filtersToParams(next),
      replaceUrl: true,
    });
  }

  /** Downloads the whole history with the filters on screen as a CSV file (every page). */
  protected async exportHistory(): Promise<void> {
    if (this.exporting() || this.rangeError()) return;
    const { page: _page, limit: _limit, ...filters } = filtersToQuery(this.filters());
    this.exporting.set(true);
    this.exportError.set(null);
    try {
      const response = await firstValueFrom(this.exportsApi.callsCsv(filters));
      if (response.body) saveFile(response.body, attachmentName(response, 'calls.csv'));
    } catch (error) {
      this.exportError.set(describeError(error));
    } finally {
      this.exporting.set(false);
    }
  }

  protected readonly exportingCallbacks = signal(false);
  protected readonly callbacksExportError = signal<string | null>(null);

  /** Downloads the callback requests with the status shown (all of them, not one page) as a CSV file. */
  protected async exportCallbacks(): Promise<void> {
    if (this.exportingCallbacks()) return;
    const status = this.callbackFilter();
    this.exportingCallbacks.set(true);
    this.callbacksExportError.set(null);
    try {
      const response = await firstValueFrom(this.exportsApi.callbacksCsv(status ? { status } : {}));
      if (response.body) saveFile(response.body, attachmentName(response, 'callbacks.csv'));
    } catch (error) {
      this.callbacksExportError.set(describeError(error));
    } finally {
      this.exportingCallbacks.set(false);
    }
  }

  protected clearFilters(): void {
    this.setFilter({ ...DEFAULT_HISTORY_FILTERS });
  }

  protected onPage(event: PageEvent): void {
    this.setFilter({ page: event.pageIndex + 1 });
  }

  /** Calls the customer by video; from a callback request, the call is linked to it (and closes it once completed). */
  protected callBack(
    customer: { id: string; name: string },
    productId: string | null | undefined,
    callbackRequestId?: string,
  ): void {
    void this.manager.placeCall({
      type: 'video',
      customerId: customer.id,
      productId: productId ?? undefined,
      displayName: customer.name,
      ...(callbackRequestId ? { callbackRequestId } : {}),
    });
  }

  protected async markDone(request: CallbackRequestDto): Promise<void> {
    this.marking.set(request.id);
    this.actionError.set(null);
    try {
      const updated = await firstValueFrom(this.callbacksApi.update(request.id, { status: 'done' }));
      this.callbacks.update((c) =>
        c.data
          ? {
              ...c,
              data: {
                ...c.data,
                items:
                  this.callbackFilter() === 'open'
                    ? c.data.items.filter((i) => i.id !== updated.id)
                    : c.data.items.map((i) => (i.id === updated.id ? updated : i)),
              },
            }
          : c,
      );
      this.store.refresh();
    } catch (error) {
      this.actionError.set(describeError(error, 'The request could not be marked done.'));
    } finally {
      this.marking.set(null);
    }
  }

  private async loadHistory(filters: HistoryFilters): Promise<void> {
    if (dateRangeError(filters)) {
      this.history.set({ data: null, loading: false, error: null });
      return;
    }
    this.history.update((h) => ({ ...h, loading: true, error: null }));
    try {
      const page = await firstValueFrom(this.callsApi.history(filtersToQuery(filters)));
      if (this.filters() === filters) this.history.set({ data: page, loading: false, error: null });
    } catch (error) {
      this.history.set({ data: null, loading: false, error: describeError(error) });
    }
  }

  private async loadCallbacks(status: CallbackStatus | ''): Promise<void> {
    this.callbacks.update((c) => ({ ...c, loading: true, error: null }));
    try {
      const page = await firstValueFrom(this.callbacksApi.list({ status: status || undefined, limit: 50 }));
      if (this.callbackFilter() === status) this.callbacks.set({ data: page, loading: false, error: null });
    } catch (error) {
      this.callbacks.set({ data: null, loading: false, error: describeError(error) });
    }
  }

  private async loadContacts(): Promise<void> {
    try {
      this.contacts.set(await firstValueFrom(this.callsApi.contacts()));
      this.presence.set(new Map());
    } catch {
      // Without the list, call-back buttons stay hidden rather than offering calls the API refuses.
    }
  }
}
