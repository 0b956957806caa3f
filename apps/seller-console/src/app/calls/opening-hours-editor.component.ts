import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { OpeningHours, OpeningHoursDto } from '@callshop/contracts';
import { AuthSession, ShopsApi, describeError } from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface DayRow {
  /** 1 Monday ... 7 Sunday. */
  day: number;
  name: string;
  open: boolean;
  opens: string;
  closes: string;
}

/** The browser's time zone, the default for a shop that has none yet. */
function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The editor's rows for a schedule: one stretch per day (the first, when the API holds several). */
export function dayRows(hours: OpeningHours | null): DayRow[] {
  return DAYS.map((name, i) => {
    const slot = hours?.weekly.find((s) => s.day === i + 1);
    return { day: i + 1, name, open: !!slot, opens: slot?.opens ?? '09:00', closes: slot?.closes ?? '17:00' };
  });
}

/** The schedule the rows describe. */
export function toOpeningHours(timeZone: string, rows: DayRow[], closures: string[]): OpeningHours {
  return {
    timeZone,
    weekly: rows.filter((r) => r.open).map(({ day, opens, closes }) => ({ day, opens, closes })),
    closures,
  };
}

/**
 * The shop's opening hours, on the calls page: a time zone, one stretch per weekday (times on
 * the shop's clock) and closure dates. Outside them customers' calls do not ring and they are
 * offered a callback. Without hours the shop is always open.
 */
@Component({
  selector: 'cs-opening-hours-editor',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <details class="hours" data-testid="opening-hours" (toggle)="load()">
      <summary>
        <h2 class="title">Opening hours</h2>
        <span class="cs-muted" data-testid="opening-hours-state">{{ stateText() }}</span>
      </summary>
      <form (submit)="$event.preventDefault(); save()">
        <label class="zone">
          <span>Time zone</span>
          <input
            name="timeZone"
            list="cs-time-zones"
            [value]="timeZone()"
            (change)="timeZone.set($any($event.target).value)"
            aria-describedby="cs-zone-hint"
          />
          <datalist id="cs-time-zones">
            @for (zone of zones; track zone) {
              <option [value]="zone"></option>
            }
          </datalist>
          <span id="cs-zone-hint" class="cs-muted"
            >The times below are on this clock; customers see them in their own.</span
          >
        </label>
        <table>
          <tbody>
            @for (row of rows(); track row.day; let i = $index) {
              <tr>
                <th scope="row">
                  <label
                    ><input
                      type="checkbox"
                      [checked]="row.open"
                      (change)="patch(i, { open: $any($event.target).checked })"
                    />
                    {{ row.name }}</label
                  >
                </th>
                <td>
                  <input
                    type="time"
                    [value]="row.opens"
                    [disabled]="!row.open"
                    [attr.aria-label]="row.name + ' opens at'"
                    (change)="patch(i, { opens: $any($event.target).value })"
                  />
                  –
                  <input
                    type="time"
                    [value]="row.closes"
                    [disabled]="!row.open"
                    [attr.aria-label]="row.name + ' closes at'"
                    (change)="patch(i, { closes: $any($event.target).value })"
                  />
                </td>
              </tr>
            }
          </tbody>
        </table>
        <fieldset>
          <legend>Closed on</legend>
          <ul class="closures">
            @for (date of closures(); track date) {
              <li>
                {{ date }}
                <button
                  mat-button
                  type="button"
                  [attr.aria-label]="'Remove closure ' + date"
                  (click)="removeClosure(date)"
                >
                  Remove
                </button>
              </li>
            }
          </ul>
          <label>
            <span>Add a date</span>
            <input type="date" #closure />
          </label>
          <button mat-stroked-button type="button" (click)="addClosure(closure.value); closure.value = ''">
            Add
          </button>
        </fieldset>
        @if (error()) {
          <p class="cs-error" role="alert">{{ error() }}</p>
        }
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="saving()">Save opening hours</button>
          @if (current()) {
            <button mat-button type="button" [disabled]="saving()" (click)="clear()">
              Remove hours (always open)
            </button>
          }
        </div>
      </form>
    </details>
  `,
  styles: `
    .hours {
      margin-bottom: 24px;
    }
    summary {
      cursor: pointer;
      display: flex;
      gap: 12px;
      align-items: baseline;
    }
    .title {
      display: inline;
      font-size: 1.25rem;
      margin: 0;
    }
    .zone {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-block: 12px;
      max-width: 360px;
    }
    table {
      border-collapse: collapse;
    }
    th {
      text-align: left;
      font-weight: normal;
      padding-right: 16px;
    }
    td,
    th {
      padding-block: 4px;
    }
    fieldset {
      margin-block: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    .closures {
      padding-left: 16px;
    }
    .actions {
      display: flex;
      gap: 8px;
    }
  `,
})
export class OpeningHoursEditorComponent {
  private readonly api = inject(ShopsApi);
  private readonly session = inject(AuthSession);
  protected readonly zones: readonly string[] =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  protected readonly current = signal<OpeningHoursDto | null>(null);
  protected readonly timeZone = signal(browserZone());
  protected readonly rows = signal<DayRow[]>(dayRows(null));
  protected readonly closures = signal<string[]>([]);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly loaded = signal(false);
  protected readonly stateText = computed(() => {
    const hours = this.current();
    if (!hours) return this.loaded() ? 'Not set: always open' : '';
    return hours.openNow ? 'Open now' : 'Closed now: calls do not ring';
  });

  protected async load(): Promise<void> {
    const shopId = this.session.user()?.shopId;
    if (this.loaded() || !shopId) return;
    try {
      this.show(await firstValueFrom(this.api.openingHours(shopId)));
    } catch (error) {
      this.error.set(describeError(error));
    }
  }

  protected patch(index: number, change: Partial<DayRow>): void {
    this.rows.update((rows) => rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  }

  protected addClosure(date: string): void {
    if (date) this.closures.update((c) => [...new Set([...c, date])].sort());
  }

  protected removeClosure(date: string): void {
    this.closures.update((c) => c.filter((d) => d !== date));
  }

  protected async save(): Promise<void> {
    const shopId = this.session.user()?.shopId;
    if (!shopId) return;
    this.saving.set(true);
    this.error.set(null);
    try {
      const hours = toOpeningHours(this.timeZone(), this.rows(), this.closures());
      this.show(await firstValueFrom(this.api.setOpeningHours(shopId, hours)));
    } catch (error) {
      this.error.set(describeError(error, 'The opening hours could not be saved.'));
    } finally {
      this.saving.set(false);
    }
  }

  protected async clear(): Promise<void> {
    const shopId = this.session.user()?.shopId;
    if (!shopId) return;
    this.saving.set(true);
    try {
      await firstValueFrom(this.api.clearOpeningHours(shopId));
      this.show(null);
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.saving.set(false);
    }
  }

  private show(hours: OpeningHoursDto | null): void {
    this.loaded.set(true);
    this.current.set(hours);
    this.timeZone.set(hours?.timeZone ?? browserZone());
    this.rows.set(dayRows(hours));
    this.closures.set(hours?.closures ?? []);
  }
}
