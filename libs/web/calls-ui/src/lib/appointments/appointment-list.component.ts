import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import type { AppointmentDto } from '@callshop/contracts';
import { AppointmentsApi, CallSocket, describeError } from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';
import { CallManager } from '../call-manager.service';
import { canJoin, slotDateTime } from './appointment-time';
import { openBookAppointment } from './book-appointment-dialog.component';

/**
 * Upcoming appointments for either side. The customer: Join video call when it is time, move
 * it, cancel it, add it to a calendar; the shop's staff: who, about what, when, and cancel with
 * a reason. Follows `appointment:updated` pushes.
 */
@Component({
  selector: 'cs-appointment-list',
  imports: [FormsModule, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error()) {
      <p role="alert" class="error">{{ error() }}</p>
    }
    @if (loaded() && items().length === 0) {
      <p data-testid="no-appointments">No upcoming appointments.</p>
    }
    <ul class="list" data-testid="appointment-list">
      @for (a of items(); track a.id) {
        <li class="item" data-testid="appointment-item" [attr.data-appointment-id]="a.id">
          <div class="what">
            <strong>{{ when(a.startsAt) }}</strong>
            <span>
              {{ a.product.name }} ·
              {{ viewer() === 'customer' ? a.shop.name : a.customer.name }}
            </span>
            @if (a.note) {
              <span class="note">“{{ a.note }}”</span>
            }
            @if (a.rescheduleCount > 0) {
              <span class="note"
                >Moved {{ a.rescheduleCount === 1 ? 'once' : a.rescheduleCount + ' times' }}</span
              >
            }
          </div>
          <div class="actions">
            @if (viewer() === 'customer') {
              <button
                mat-flat-button
                type="button"
                [disabled]="!joinable(a) || manager.busy()"
                (click)="join(a)"
                data-testid="join-appointment"
              >
                Join video call
              </button>
              @if (a.changeableUntil) {
                <button mat-stroked-button type="button" (click)="reschedule(a)">Reschedule</button>
              }
              <button mat-stroked-button type="button" (click)="downloadIcs(a)">
                Add to calendar (.ics)
              </button>
            }
            @if (confirming() === a.id) {
              @if (viewer() === 'shop') {
                <label class="reason">
                  Reason
                  <input [(ngModel)]="reason" maxlength="500" data-testid="cancel-reason" />
                </label>
              }
              <button mat-flat-button type="button" (click)="cancel(a)">Yes, cancel it</button>
              <button mat-button type="button" (click)="confirming.set(null)">Keep it</button>
            } @else if (viewer() === 'shop' || a.changeableUntil) {
              <button mat-stroked-button type="button" (click)="confirming.set(a.id)">Cancel</button>
            }
          </div>
        </li>
      }
    </ul>
  `,
  styles: `
    .list {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 12px;
    }
    .item {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 8px;
      padding: 12px;
      border: 1px solid var(--mat-sys-outline-variant, #ccc);
      border-radius: 8px;
    }
    .what {
      display: grid;
      gap: 2px;
    }
    .note {
      font-size: 0.9rem;
      opacity: 0.8;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .actions button {
      min-height: 44px;
    }
    .reason input {
      min-height: 36px;
      margin-left: 4px;
    }
    .error {
      color: var(--mat-sys-error, #b3261e);
    }
  `,
})
export class AppointmentListComponent implements OnInit {
  /** Whose list it is: the customer's own, or the shop's for its staff. */
  readonly viewer = input<'customer' | 'shop'>('customer');

  protected readonly manager = inject(CallManager);
  private readonly api = inject(AppointmentsApi);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly items = signal<AppointmentDto[]>([]);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected reason = '';
  /** Ticks so Join turns on at the time without a reload. */
  private readonly now = signal(Date.now());
  protected readonly joinable = (a: AppointmentDto) => canJoin(a, this.now());
  protected readonly when = (iso: string) => slotDateTime(iso);
  readonly count = computed(() => this.items().length);

  constructor() {
    inject(CallSocket)
      .on('appointment:updated')
      .pipe(takeUntilDestroyed())
      .subscribe(() => void this.load());
    const timer = setInterval(() => this.now.set(Date.now()), 5000);
    this.destroyRef.onDestroy(() => clearInterval(timer));
  }

  ngOnInit(): void {
    void this.load();
  }

  protected join(a: AppointmentDto): void {
    void this.manager.placeCall({
      type: 'video',
      sellerId: a.shop.id,
      productId: a.product.id,
      appointmentId: a.id,
      displayName: a.shop.name,
    });
  }

  protected async reschedule(a: AppointmentDto): Promise<void> {
    const moved = await openBookAppointment(this.dialog, {
      shopId: a.shop.id,
      shopName: a.shop.name,
      productId: a.product.id,
      productName: a.product.name,
      reschedule: a,
    });
    if (moved) await this.load();
  }

  protected async cancel(a: AppointmentDto): Promise<void> {
    this.error.set(null);
    try {
      await firstValueFrom(this.api.cancel(a.id, this.reason.trim() || undefined));
      this.confirming.set(null);
      this.reason = '';
      await this.load();
    } catch (error) {
      this.error.set(describeError(error, 'The appointment could not be cancelled.'));
    }
  }

  protected async downloadIcs(a: AppointmentDto): Promise<void> {
    try {
      const blob = await firstValueFrom(this.api.calendar(a.id));
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'appointment.ics';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      this.error.set(describeError(error, 'The calendar file could not be downloaded.'));
    }
  }

  private async load(): Promise<void> {
    try {
      this.items.set(await firstValueFrom(this.api.list('upcoming')));
      this.error.set(null);
    } catch (error) {
      this.error.set(describeError(error, 'Your appointments could not be loaded.'));
    } finally {
      this.loaded.set(true);
    }
  }
}
