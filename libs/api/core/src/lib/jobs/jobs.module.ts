import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue';

/** The PostgreSQL-backed job queue ({@link JobQueue}); every module importing this one shares it. */
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
