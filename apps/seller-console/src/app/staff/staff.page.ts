import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { UserDto } from '@callshop/contracts';
import {
  AuthApi,
  applyFieldErrors,
  describeError,
  mapApiErrors,
  touchedControlError,
} from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';

const FIELDS = ['name', 'email', 'password', 'phoneNumber'] as const;
type Field = (typeof FIELDS)[number];

/** The owner's page: who works for the shop, and a form to add a staff account. */
@Component({
  selector: 'cs-staff-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="cs-page">
      <h1>Staff</h1>
      <p class="cs-muted">Everyone here who is online and available rings when a customer calls.</p>
      @if (listError()) {
        <p class="cs-error" role="alert">{{ listError() }}</p>
      }
      <ul class="people" aria-label="Staff members">
        @for (person of staff(); track person.id) {
          <li data-testid="staff-member">
            <strong>{{ person.name }}</strong>
            <span class="cs-muted">{{ person.email }}</span>
            <span class="chip">{{ person.staffRole === 'owner' ? 'Owner' : 'Staff' }}</span>
          </li>
        }
      </ul>

      <h2>Add a staff member</h2>
      @if (added()) {
        <p class="note" role="status">{{ added() }}</p>
      }
      @if (formError()) {
        <p class="cs-error" role="alert">{{ formError() }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="add()" novalidate class="form">
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" required />
          @if (message('name', 'Name'); as text) {
            <mat-error>{{ text }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Email</mat-label>
          <input matInput type="email" formControlName="email" required autocomplete="off" />
          @if (message('email', 'Email'); as text) {
            <mat-error>{{ text }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Temporary password</mat-label>
          <input matInput type="password" formControlName="password" required autocomplete="new-password" />
          <mat-hint>At least 8 characters. Share it with them privately.</mat-hint>
          @if (message('password', 'Password'); as text) {
            <mat-error>{{ text }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Phone number (optional)</mat-label>
          <input matInput type="tel" formControlName="phoneNumber" />
          @if (message('phoneNumber', 'Phone number'); as text) {
            <mat-error>{{ text }}</mat-error>
          }
        </mat-form-field>
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="saving()">
            {{ saving() ? 'Adding…' : 'Add staff member' }}
          </button>
        </div>
      </form>
    </div>
  `,
  styles: `
    .people {
      list-style: none;
      padding: 0;
      margin: 0 0 24px;
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .people li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
      padding: 8px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    .chip {
      padding: 2px 10px;
      border-radius: 10px;
      background: var(--mat-sys-surface-container-high);
      font-size: 0.8rem;
    }
    .form {
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-width: 480px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
    }
    .note {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
    }
  `,
})
export class StaffPage {
  private readonly api = inject(AuthApi);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly staff = signal<UserDto[]>([]);
  protected readonly listError = signal<string | null>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly added = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly form = this.fb.group({
    name: ['', [Validators.required]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(8)]],
    phoneNumber: [''],
  });

  constructor() {
    void this.load();
  }

  protected message(name: Field, label: string): string | null {
    return touchedControlError(this.form.controls[name], label);
  }

  async add(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving()) return;
    this.saving.set(true);
    this.formError.set(null);
    this.added.set(null);
    const v = this.form.getRawValue();
    try {
      const user = await firstValueFrom(
        this.api.addStaff({
          name: v.name.trim(),
          email: v.email.trim(),
          password: v.password,
          phoneNumber: v.phoneNumber.trim() || undefined,
        }),
      );
      this.added.set(`${user.name} can now log in with ${user.email}.`);
      this.form.reset();
      void this.load();
    } catch (error) {
      const mapped = mapApiErrors(error, FIELDS);
      applyFieldErrors(this.form, mapped.fields);
      this.formError.set(mapped.form);
    } finally {
      this.saving.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      this.staff.set(await firstValueFrom(this.api.listStaff()));
    } catch (error) {
      this.listError.set(describeError(error, 'The staff list could not be loaded.'));
    }
  }
}
