import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { OnEvent } from '@nestjs/event-emitter';
import type { AppointmentDto } from '@callshop/contracts';
import { appConfig, JobQueue } from '@callshop/api/core';
import { CallConnectedEvent } from '../model/call-events';
import { AppointmentMailer } from './appointment-mailer';
import { toAppointmentDto } from './appointment.mapper';
import {
  AppointmentsService,
  type AppointmentChange,
  type AppointmentChangeListener,
} from './appointments.service';

export const APPOINTMENT_REMINDER_QUEUE = 'appointment-reminder';
export const APPOINTMENT_NO_SHOW_QUEUE = 'appointment-no-show';

/** A job names the appointment and the start it was scheduled for: a moved appointment makes it stale. */
interface AppointmentJob {
  appointmentId: string;
  startsAt: string;
}

/**
 * The jobs that must run at a time, kept in PostgreSQL ({@link JobQueue}): they survive restarts
 * and each runs on one instance. Every booking or move queues a reminder at the start minus the
 * shop's lead (at once when that is past) and a no-show check at the end. A job re-reads the
 * appointment and acts only while it is still booked for the start the job was queued for, so
 * jobs of a moved or cancelled appointment do nothing; a reminder is claimed in the database
 * before it is sent, so a retry or a second instance does not send it twice.
 *
 * Also: an appointment's call that connects completes the appointment.
 */
@Injectable()
export class AppointmentJobs implements OnApplicationBootstrap, AppointmentChangeListener {
  private readonly logger = new Logger('AppointmentJobs');

  constructor(
    private readonly appointments: AppointmentsService,
    private readonly jobs: JobQueue,
    private readonly mailer: AppointmentMailer,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {
    appointments.listen(this);
  }

  async onApplicationBootstrap(): Promise<void> {
    const policy = { retryLimit: 5, retryDelaySeconds: 10, retryDelayMaxSeconds: 600, expireInSeconds: 120 };
    await this.jobs.declare<AppointmentJob>(APPOINTMENT_REMINDER_QUEUE, policy, (job) => this.remind(job), {
      pollingIntervalSeconds: 1,
    });
    await this.jobs.declare<AppointmentJob>(
      APPOINTMENT_NO_SHOW_QUEUE,
      policy,
      async (job) => void (await this.appointments.markNoShow(job.appointmentId, job.startsAt)),
      { pollingIntervalSeconds: 1 },
    );
  }

  async onAppointmentChanged(a: AppointmentDto, change: AppointmentChange): Promise<void> {
    if (change !== 'booked' && change !== 'rescheduled') return;
    const job: AppointmentJob = { appointmentId: a.id, startsAt: a.startsAt };
    const remindAt = new Date(new Date(a.startsAt).getTime() - (await this.leadMinutes(a)) * 60_000);
    await this.jobs.send(APPOINTMENT_REMINDER_QUEUE, job, { startAfter: remindAt });
    await this.jobs.send(APPOINTMENT_NO_SHOW_QUEUE, job, { startAfter: new Date(a.endsAt) });
  }

  @OnEvent(CallConnectedEvent.NAME)
  async onCallConnected(e: CallConnectedEvent): Promise<void> {
    try {
      await this.appointments.completeByCall(e.record.call.id);
    } catch (error) {
      this.logger.error(
        `Completing the appointment of call ${e.record.call.id}: ${(error as Error).message}`,
      );
    }
  }

  private async leadMinutes(a: AppointmentDto): Promise<number> {
    return (await this.appointments.settings(a.shop.id)).reminderLeadMinutes;
  }

  /** The reminder: claimed once, pushed to both sides' apps, emailed to the customer when SMTP is set. */
  private async remind(job: AppointmentJob): Promise<void> {
    const row = await this.appointments.claimReminder(job.appointmentId, job.startsAt);
    if (!row) return;
    const appointment = toAppointmentDto(row);
    this.appointments.push('appointment:reminder', appointment);
    if (!this.mailer.enabled) return;
    const base = this.app.publicUrl;
    const joinUrl = base ? `${base.replace(/\/$/, '')}/appointments` : null;
    try {
      await this.mailer.sendReminder(appointment, row.customer_email, joinUrl);
    } catch (error) {
      // The reminder was pushed; an email the server refused is not tried again (it would push twice).
      this.logger.warn(
        `Reminder email for appointment ${appointment.id} failed: ${(error as Error).message}`,
      );
    }
  }
}
