import { Transform, type Readable } from 'node:stream';
import { ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@callshop/api/auth';
import { csvRecord, isoTime, money, UTF8_BOM } from './csv';
import type { CallbackExportQueryDto, CallExportQueryDto } from './dto/export-query.dto';
import {
  shopCallbacksStatement,
  shopCallsStatement,
  type CallbackExportRow,
  type CallExportRow,
  type Statement,
} from './export-queries';

const CALL_HEADER = [
  'id',
  'created_at',
  'direction',
  'type',
  'status',
  'end_reason',
  'customer',
  'staff',
  'product',
  'product_price',
  'currency',
  'answered_at',
  'connected_at',
  'ended_at',
  'duration_seconds',
];

const callFields = (r: CallExportRow) => [
  r.id,
  isoTime(r.created_at),
  r.initiated_by === 'shop' ? 'outgoing' : 'incoming',
  r.type,
  r.status,
  r.end_reason,
  r.customer_name,
  r.staff_name,
  r.product_name,
  money(r.product_price),
  r.product_currency?.trim() ?? null,
  isoTime(r.answered_at),
  isoTime(r.connected_at),
  isoTime(r.ended_at),
  r.duration_seconds,
];

const CALLBACK_HEADER = [
  'id',
  'created_at',
  'status',
  'preference',
  'customer',
  'phone_number',
  'product',
  'note',
  'handled_by',
  'handled_at',
];

const callbackFields = (r: CallbackExportRow) => [
  r.id,
  isoTime(r.created_at),
  r.status,
  r.preference,
  r.customer_name,
  r.phone_number,
  r.product_name,
  r.note,
  r.handled_by_name,
  isoTime(r.handled_at),
];

/**
 * A shop's call history and callback requests as CSV, streamed from PostgreSQL through a
 * cursor (`pg-query-stream`, 100 rows at a time): memory stays flat whatever the row count,
 * and a client that goes away stops the query and frees its connection.
 */
@Injectable()
export class CsvExports {
  constructor(private readonly db: DataSource) {}

  calls(user: AuthUser, q: CallExportQueryDto): Promise<Readable> {
    const shopId = this.shopOf(user);
    return this.stream(shopCallsStatement({ shopId, ...q }), CALL_HEADER, callFields);
  }

  callbacks(user: AuthUser, q: CallbackExportQueryDto): Promise<Readable> {
    const shopId = this.shopOf(user);
    return this.stream(shopCallbacksStatement({ shopId, ...q }), CALLBACK_HEADER, callbackFields);
  }

  private shopOf(user: AuthUser): string {
    if (!user.shopId) throw new ForbiddenException("Only a shop's staff export its records");
    return user.shopId;
  }

  private async stream<R>(
    statement: Statement,
    header: string[],
    fields: (row: R) => (string | number | null)[],
  ): Promise<Readable> {
    const runner = this.db.createQueryRunner('slave');
    let rows: Readable;
    try {
      rows = await runner.stream(statement.sql, statement.params);
    } catch (error) {
      await runner.release();
      throw error;
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      void runner.release();
    };
    const csv = new Transform({
      writableObjectMode: true,
      transform(row: R, _encoding, done) {
        done(null, csvRecord(fields(row)));
      },
    });
    csv.push(UTF8_BOM + csvRecord(header));
    rows.once('error', (error) => csv.destroy(error));
    csv.once('close', () => {
      rows.destroy();
      release();
    });
    rows.once('end', release);
    return rows.pipe(csv);
  }
}
