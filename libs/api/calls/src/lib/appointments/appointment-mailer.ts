import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createTransport, type Transporter } from 'nodemailer';
import { DateTime } from 'luxon';
import type { AppointmentDto } from '@callshop/contracts';
import { integrationsConfig } from '@callshop/api/core';
import { appointmentCalendar } from './appointment-calendar';

/**
 * Appointment emails through the SMTP server of `SMTP_URL` (none while it is unset). The
 * reminder carries the calendar file.
 */
@Injectable()
export class AppointmentMailer implements OnModuleDestroy {
  private readonly logger = new Logger('AppointmentMailer');
  private transport: Transporter | null = null;

  constructor(
    @Inject(integrationsConfig.KEY) private readonly config: ConfigType<typeof integrationsConfig>,
  ) {}

  get enabled(): boolean {
    return this.config.mail.smtpUrl !== null;
  }

  /** Sends the reminder to the customer's account email; throws when the server refuses it. */
  async sendReminder(appointment: AppointmentDto, to: string, joinUrl: string | null): Promise<void> {
    if (!this.config.mail.smtpUrl) return;
    this.transport ??= createTransport(this.config.mail.smtpUrl);
    const local = DateTime.fromISO(appointment.startsAt).setZone(appointment.shop.timeZone);
    const when = `${local.toFormat('cccc d LLLL yyyy, HH:mm')} (${appointment.shop.timeZone})`;
    await this.transport.sendMail({
      from: this.config.mail.from,
      to,
      subject: `Reminder: video call with ${appointment.shop.name} at ${local.toFormat('HH:mm')}`,
      text: [
        `Hello ${appointment.customer.name},`,
        '',
        `your video call with ${appointment.shop.name} about ${appointment.product.name} starts ${when}.`,
        joinUrl
          ? `Join it from ${joinUrl} when it is time.`
          : 'Join it from My appointments when it is time.',
        '',
        'The calendar file is attached.',
      ].join('\n'),
      icalEvent: {
        filename: 'appointment.ics',
        method: 'PUBLISH',
        content: appointmentCalendar(appointment, joinUrl),
      },
    });
    this.logger.log(`Reminder email sent for appointment ${appointment.id}`);
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
