import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { AppointmentDto, AppointmentSlot } from '@callshop/contracts';
import { AppointmentsApi, describeError } from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';
import { groupSlotsByDay, slotDateTime, slotTime, type SlotDay } from './appointment-time';

/** What the booking dialog books: a new appointment about a product, or a move of one. */
export interface BookAppointmentDialogData {
  shopId: string;
  shopName: string;
  productId: string;
  productName: string;
  /** Rescheduling this appointment instead of booking a new one. */
  reschedule?: AppointmentDto;
}

/**
 * "Book a video call": the shop's free slots of the next two weeks by day, in the visitor's
 * time zone, a note, and Book. A slot taken meanwhile is named and the slots are reloaded.
 */
@Component({
  selector: 'cs-book-appointment-dialog',
  imports: [
    FormsModule,
    RouterLink,
    MatButton,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatInput,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.reschedule ? 'Move your video call' : 'Book a video call' }}</h2>
    <mat-dialog-content data-testid="book-appointment-dialog">
      <p>With {{ data.shopName }} about {{ data.productName }}. Times are in your time zone ({{ zone }}).</p>
      @if (booked(); as a) {
        <p role="status" class="done" data-testid="appointment-booked">
          Booked for {{ dateTime(a.startsAt) }}. You will be reminded before it starts.
        </p>
        <a mat-stroked-button routerLink="/appointments" mat-dialog-close>My appointments</a>
      } @else if (loading()) {
        <p role="status">Looking up free times…</p>
      } @else if (days().length === 0) {
        <p role="status">No free times in the next two weeks.</p>
      } @else {
        <div class="days" role="tablist" aria-label="Days">
          @for (day of days(); track day.key) {
            <button
              mat-stroked-button
              type="button"
              role="tab"
              [attr.aria-selected]="day.key === dayKey()"
              [class.selected]="day.key === dayKey()"
              (click)="pickDay(day)"
            >
              {{ day.label }}
            </button>
          }
        </div>
        <div class="slots" role="group" aria-label="Free times" data-testid="appointment-slots">
          @for (slot of daySlots(); track slot.startsAt) {
            <button
              mat-stroked-button
              type="button"
              [attr.aria-pressed]="slot.startsAt === picked()?.startsAt"
              [class.selected]="slot.startsAt === picked()?.startsAt"
              (click)="picked.set(slot)"
            >
              {{ time(slot.startsAt) }}
            </button>
          }
        </div>
        @if (!data.reschedule) {
          <mat-form-field appearance="outline" class="note">
            <mat-label>Note for the shop (optional)</mat-label>
            <textarea matInput maxlength="500" rows="2" [(ngModel)]="note"></textarea>
          </mat-form-field>
        }
      }
      @if (error()) {
        <p role="alert" class="error">{{ error() }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ booked() ? 'Close' : 'Cancel' }}</button>
      @if (!booked()) {
        <button mat-flat-button type="button" [disabled]="!picked() || saving()" (click)="book()">
          {{
            picked() ? (data.reschedule ? 'Move to ' : 'Book ') + dateTime(picked()!.startsAt) : 'Pick a time'
          }}
        </button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .days,
    .slots {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: 8px 0 16px;
    }
    .days button,
    .slots button {
      min-height: 44px;
    }
    .selected {
      background: var(--mat-sys-primary-container, #dfe3ff);
    }
    .note {
      width: 100%;
    }
    .error {
      color: var(--mat-sys-error, #b3261e);
    }
  `,
})
export class BookAppointmentDialogComponent implements OnInit {
  protected readonly data = inject<BookAppointmentDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(AppointmentsApi);
  private readonly ref = inject(MatDialogRef<BookAppointmentDialogComponent, AppointmentDto | undefined>);
  protected readonly zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly days = signal<SlotDay[]>([]);
  protected readonly dayKey = signal<string | null>(null);
  protected readonly picked = signal<AppointmentSlot | null>(null);
  protected readonly booked = signal<AppointmentDto | null>(null);
  protected note = '';
  protected readonly daySlots = computed(() => this.days().find((d) => d.key === this.dayKey())?.slots ?? []);
  protected readonly time = (iso: string) => slotTime(iso);
  protected readonly dateTime = (iso: string) => slotDateTime(iso);

  ngOnInit(): void {
    void this.load();
  }

  protected pickDay(day: SlotDay): void {
    this.dayKey.set(day.key);
    this.picked.set(null);
  }

  protected async book(): Promise<void> {
    const slot = this.picked();
    if (!slot) return;
    this.saving.set(true);
    this.error.set(null);
    try {
      const result = this.data.reschedule
        ? await firstValueFrom(this.api.reschedule(this.data.reschedule.id, slot.startsAt))
        : await firstValueFrom(
            this.api.book({
              shopId: this.data.shopId,
              productId: this.data.productId,
              startsAt: slot.startsAt,
              ...(this.note.trim() ? { note: this.note.trim() } : {}),
            }),
          );
      if (this.data.reschedule) this.ref.close(result);
      else this.booked.set(result);
    } catch (error) {
      this.error.set(describeError(error, 'The appointment could not be booked.'));
      this.picked.set(null);
      await this.load();
    } finally {
      this.saving.set(false);
    }
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      const from = new Date();
      const to = new Date(from.getTime() + 14 * 86_400_000);
      const { slots } = await firstValueFrom(
        this.api.slots(this.data.shopId, { from: from.toISOString(), to: to.toISOString() }),
      );
      const days = groupSlotsByDay(slots);
      this.days.set(days);
      if (!days.some((d) => d.key === this.dayKey())) this.dayKey.set(days[0]?.key ?? null);
    } catch (error) {
      this.error.set(describeError(error, 'The free times could not be loaded.'));
    } finally {
      this.loading.set(false);
    }
  }
}

/** Opens the booking dialog (loaded on first use); resolves with the appointment when one was moved. */
export async function openBookAppointment(
  dialog: import('@angular/material/dialog').MatDialog,
  data: BookAppointmentDialogData,
): Promise<AppointmentDto | undefined> {
  const ref = dialog.open(BookAppointmentDialogComponent, {
    data,
    width: '560px',
    maxWidth: '95vw',
    autoFocus: 'first-tabbable',
  });
  return firstValueFrom(ref.afterClosed());
}
