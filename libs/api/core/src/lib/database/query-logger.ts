import { Logger as NestLogger } from '@nestjs/common';
import type { Logger, QueryRunner } from 'typeorm';

/** At most this much of a failed statement is logged (it names the table and columns). */
const QUERY_CHARS = 300;

/**
 * TypeORM's log, without ever writing a statement's parameters: they carry password hashes,
 * phone numbers and emails. A failed query logs its error code, message and the start of
 * the statement; migrations log what they do; nothing else is logged.
 */
export class QueryLogger implements Logger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    // Successful queries are not logged.
  }

  logQueryError(error: string | Error, query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    const code = typeof error === 'object' ? (error as { code?: string }).code : undefined;
    // PostgreSQL quotes the offending value in data errors ('invalid input syntax for type
    // uuid: "<value>"'): a value is a parameter too, so it is left out.
    const message = (typeof error === 'string' ? error : error.message).replace(/: ".*"$/s, ': "…"');
    const statement = query.replace(/\s+/g, ' ').trim().slice(0, QUERY_CHARS);
    this.logger.warn(`Query failed${code ? ` (${code})` : ''}: ${message} -- in: ${statement}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${query.replace(/\s+/g, ' ').trim().slice(0, QUERY_CHARS)}`);
  }

  logSchemaBuild(): void {
    // Schema changes come from migrations, logged below.
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
