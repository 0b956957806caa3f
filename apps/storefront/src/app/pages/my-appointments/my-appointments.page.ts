import { ChangeDetectionStrategy, Component } from '@angular/core';
import { AppointmentListComponent } from '@callshop/web/calls-ui';

/** My appointments: booked video calls, joined from here when it is time. */
@Component({
  selector: 'cs-my-appointments-page',
  imports: [AppointmentListComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <h1>My appointments</h1>
      <p>Video calls you booked with shops. Join from here when it is time: from 10 minutes before.</p>
      <cs-appointment-list viewer="customer" />
    </div>
  `,
  styles: `
    .page {
      max-width: 900px;
      margin: 0 auto;
      padding: 16px;
    }
  `,
})
export class MyAppointmentsPage {}
