import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  APPOINTMENT_SETTING_LIMITS,
  DEFAULT_APPOINTMENT_SETTINGS,
  type AppointmentSettings,
} from '@callshop/contracts';
import { AppointmentListComponent } from '@callshop/web/calls-ui';
import { AppointmentsApi, AuthSession, describeError } from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';

interface SettingField {
  key: keyof AppointmentSettings;
  label: string;
  unit: string;
}

const FIELDS: SettingField[] = [
  { key: 'slotMinutes', label: 'Appointment length', unit: 'minutes' },
  { key: 'bufferMinutes', label: 'Break after each', unit: 'minutes' },
  { key: 'capacity', label: 'Staff taking appointments', unit: 'at once' },
  { key: 'reminderLeadMinutes', label: 'Reminder before', unit: 'minutes' },
  { key: 'changeCutoffMinutes', label: 'Customers may change up to', unit: 'minutes before' },
];

/**
 * The shop's booked video appointments (upcoming, cancel with a reason) and its rules for them
 * (length, break, capacity, reminder, change cutoff), next to the opening hours.
 */
@Component({
  selector: 'cs-appointments-panel',
  imports: [MatButtonModule, AppointmentListComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="block" aria-labelledby="appointments-title" data-testid="appointments-panel">
      <h2 id="appointments-title">Appointments</h2>
      <cs-appointment-list viewer="shop" />
      <details class="rules" (toggle)="load()" data-testid="appointment-settings">
        <summary>Appointment rules</summary>
        <form (submit)="$event.preventDefault(); save()">
          @for (field of fields; track field.key) {
            <label>
              <span>{{ field.label }}</span>
              <input
                type="number"
                [name]="field.key"
                [min]="limits[field.key].min"
                [max]="limits[field.key].max"
                [value]="settings()[field.key]"
                (change)="set(field.key, $any($event.target).valueAsNumber)"
              />
              <span class="cs-muted">{{ field.unit }}</span>
            </label>
          }
          @if (error()) {
            <p role="alert" class="error">{{ error() }}</p>
          }
          @if (saved()) {
            <p role="status">Saved.</p>
          }
          <button mat-flat-button type="submit" [disabled]="saving()">Save rules</button>
        </form>
      </details>
    </section>
  `,
  styles: `
    .rules {
      margin-top: 16px;
    }
    form {
      display: grid;
      gap: 8px;
      margin-top: 8px;
    }
    label {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    label span:first-child {
      min-width: 200px;
    }
    input {
      width: 6em;
      min-height: 36px;
    }
    .error {
      color: var(--mat-sys-error, #b3261e);
    }
    button {
      justify-self: start;
      min-height: 44px;
    }
  `,
})
export class AppointmentsPanelComponent {
  private readonly api = inject(AppointmentsApi);
  private readonly session = inject(AuthSession);
  protected readonly fields = FIELDS;
  protected readonly limits = APPOINTMENT_SETTING_LIMITS;
  protected readonly settings = signal<AppointmentSettings>({ ...DEFAULT_APPOINTMENT_SETTINGS });
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly error = signal<string | null>(null);
  private loaded = false;

  protected async load(): Promise<void> {
    const shopId = this.session.user()?.shopId;
    if (this.loaded || !shopId) return;
    try {
      this.settings.set(await firstValueFrom(this.api.settings(shopId)));
      this.loaded = true;
    } catch (error) {
      this.error.set(describeError(error));
    }
  }

  protected set(key: keyof AppointmentSettings, value: number): void {
    this.saved.set(false);
    this.settings.update((s) => ({ ...s, [key]: value }));
  }

  protected async save(): Promise<void> {
    const shopId = this.session.user()?.shopId;
    if (!shopId) return;
    this.saving.set(true);
    this.error.set(null);
    try {
      this.settings.set(await firstValueFrom(this.api.setSettings(shopId, this.settings())));
      this.saved.set(true);
    } catch (error) {
      this.error.set(describeError(error, 'The rules could not be saved.'));
    } finally {
      this.saving.set(false);
    }
  }
}
