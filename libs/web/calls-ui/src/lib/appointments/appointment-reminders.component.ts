import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import type { AppointmentDto } from '@callshop/contracts';
import { AuthSession, CallSocket } from '@callshop/web/core';
import { slotTime } from './appointment-time';

/** The reminder's words for the person reading it. */
export function reminderText(
  a: AppointmentDto,
  viewer: 'customer' | 'shop',
  locale?: string,
  timeZone?: string,
): string {
  const at = slotTime(a.startsAt, locale, timeZone);
  return viewer === 'customer'
    ? `Reminder: your video call with ${a.shop.name} about ${a.product.name} starts at ${at}.`
    : `Reminder: appointment about ${a.product.name} with ${a.customer.name} at ${at}.`;
}

/**
 * Shows `appointment:reminder` pushes as a snackbar with a way to the appointments (both apps
 * host it next to the call layer). Renders nothing itself.
 */
@Component({
  selector: 'cs-appointment-reminders',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
})
export class AppointmentRemindersComponent {
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly session = inject(AuthSession);

  constructor() {
    inject(CallSocket)
      .on('appointment:reminder')
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(({ appointment }) => {
        const viewer = this.session.role() === 'customer' ? 'customer' : 'shop';
        const ref = this.snackBar.open(reminderText(appointment, viewer), 'Open', {
          duration: 20_000,
          politeness: 'assertive',
        });
        ref
          .onAction()
          .subscribe(
            () => void this.router.navigateByUrl(viewer === 'customer' ? '/appointments' : '/calls'),
          );
      });
  }
}
