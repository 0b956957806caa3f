import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { PgBoss } from 'pg-boss';
import { DataSource } from 'typeorm';

/** The schema pg-boss creates and migrates by itself in the application's database. */
export const JOB_SCHEMA = 'pgboss';

/** How a queue retries a job whose handler threw. */
export interface JobRetryPolicy {
  /** Retries after the first attempt; the job fails for good after them. */
  retryLimit: number;
  /** Delay before the first retry, in seconds; doubled (with jitter) for each next one. */
  retryDelaySeconds: number;
  /** Longest delay between two attempts, in seconds. */
  retryDelayMaxSeconds?: number;
  /** An attempt still running after this long counts as failed (a crashed worker). */
  expireInSeconds?: number;
}

/** What a handler knows of the job it runs. */
export interface JobContext {
  id: string;
  /** 0 on the first attempt, 1 on the first retry, ... */
  retryCount: number;
  /** The queue's `retryLimit`: on the attempt where `retryCount` equals it, no retry follows. */
  retryLimit: number;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

/**
 * A job queue kept in PostgreSQL (pg-boss), so jobs survive restarts and are shared by every
 * instance: whichever instance is free takes the next job, each job runs once at a time, and a
 * handler that throws is retried with exponential backoff. pg-boss creates and migrates its
 * own schema ({@link JOB_SCHEMA}) at start; the application's migrations do not touch it.
 *
 * It starts with the first queue a module declares (nothing is started for an application that
 * has none) and stops, waiting for running jobs, before the database closes.
 *
 * @example
 * await jobs.declare('reminders', { retryLimit: 3, retryDelaySeconds: 60 }, (data) => send(data));
 * await jobs.send('reminders', { appointmentId }, { startAfter: at });
 */
@Injectable()
export class JobQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private boss: Promise<PgBoss> | null = null;
  private stopped = false;
  private readonly policies = new Map<string, JobRetryPolicy>();

  constructor(private readonly db: DataSource) {}

  /** Creates (or updates) a queue and runs its jobs on this instance with `handler`. */
  async declare<T extends object>(
    name: string,
    policy: JobRetryPolicy,
    handler: JobHandler<T>,
    options: { pollingIntervalSeconds?: number; concurrency?: number } = {},
  ): Promise<void> {
    const boss = await this.started();
    const queue = {
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: policy.retryDelayMaxSeconds,
      expireInSeconds: policy.expireInSeconds ?? 120,
    };
    if (await boss.getQueue(name)) {
      const { retryDelayMax: _max, ...updatable } = queue;
      await boss.updateQueue(name, updatable);
    } else {
      await boss.createQueue(name, queue);
    }
    this.policies.set(name, policy);
    await boss.work<T>(
      name,
      {
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        localConcurrency: options.concurrency ?? 4,
      },
      async ([job]) => {
        await handler(job.data, { id: job.id, retryCount: job.retryCount, retryLimit: policy.retryLimit });
      },
    );
  }

  /** Queues a job; returns its id. */
  async send<T extends object>(name: string, data: T, options: { startAfter?: Date } = {}): Promise<string> {
    const boss = await this.started();
    const id = await boss.send(name, data, options.startAfter ? { startAfter: options.startAfter } : {});
    if (!id) throw new Error(`Job queue ${name} refused the job`);
    return id;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const boss = this.boss;
    this.boss = null;
    if (!boss) return;
    try {
      await (await boss).stop({ graceful: true, timeout: 5000, close: true });
    } catch (error) {
      this.logger.warn(`Stopping the job queue: ${(error as Error).message}`);
    }
  }

  private started(): Promise<PgBoss> {
    if (this.stopped) return Promise.reject(new Error('The job queue is stopped'));
    this.boss ??= this.start();
    return this.boss;
  }

  private async start(): Promise<PgBoss> {
    const url = (this.db.options as { url?: string }).url;
    if (!url) throw new Error('The job queue needs the database URL');
    const boss = new PgBoss({
      connectionString: url,
      schema: JOB_SCHEMA,
      max: 4,
      application_name: 'callshop-jobs',
    });
    // Connection errors, as the database pool's are (pg-boss reconnects by itself).
    boss.on('error', (error: Error) => this.logger.warn(`Job queue: ${error.message}`));
    await boss.start();
    return boss;
  }
}
