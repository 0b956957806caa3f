import { pipeline, type Readable } from 'node:stream';
import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, Roles, RolesGuard, type AuthUser } from '@callshop/api/auth';
import { CsvExports } from './csv-exports.service';
import { CallbackExportQueryDto, CallExportQueryDto } from './dto/export-query.dto';

const CSV_NOTE =
  'UTF-8 with a byte order mark, comma-separated, CRLF line ends, RFC 4180 quoting; text that ' +
  "would start a spreadsheet formula (= + - @ tab CR) is prefixed with '. Times are ISO 8601 in UTC, " +
  'prices in major units. Streamed: every matching row, newest first.';

function send(res: Response, name: string, csv: Readable): void {
  const day = new Date().toISOString().slice(0, 10);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}-${day}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  // A client that goes away destroys the stream, which closes the query and frees its connection.
  pipeline(csv, res, () => undefined);
}

/** CSV downloads of a shop's records for its staff (owner or staff), with the lists' filters. */
@ApiTags('exports')
@ApiBearerAuth()
@Controller('exports')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('seller')
export class ExportsController {
  constructor(private readonly exports: CsvExports) {}

  @Get('calls.csv')
  @ApiOperation({
    summary: "The seller's shop's call history as CSV, with the filters of GET /calls",
    description: CSV_NOTE,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file', schema: { type: 'string' } })
  @ApiErrors(400, 401, 403)
  async calls(@CurrentUser() user: AuthUser, @Query() query: CallExportQueryDto, @Res() res: Response) {
    send(res, 'calls', await this.exports.calls(user, query));
  }

  @Get('callbacks.csv')
  @ApiOperation({
    summary: "The seller's shop's callback requests as CSV, with the filter of GET /callbacks",
    description: CSV_NOTE,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file', schema: { type: 'string' } })
  @ApiErrors(400, 401, 403)
  async callbacks(
    @CurrentUser() user: AuthUser,
    @Query() query: CallbackExportQueryDto,
    @Res() res: Response,
  ) {
    send(res, 'callbacks', await this.exports.callbacks(user, query));
  }
}
