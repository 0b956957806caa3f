import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsTimeZone, Matches } from 'class-validator';
import { ANALYTICS_MAX_DAYS, type AnalyticsQuery } from '@callshop/contracts';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The period and zone of `GET /analytics`; the service checks the days exist and their order. */
export class AnalyticsQueryDto implements AnalyticsQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-01',
    description: `First local day of the period (default: 29 days before \`to\`). At most ${ANALYTICS_MAX_DAYS} days.`,
  })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a calendar day (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-30',
    description: 'Last local day of the period, included (default: today in `timeZone`)',
  })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a calendar day (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    description: 'IANA time zone the days and hours are counted in (default UTC)',
  })
  @IsOptional()
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as Europe/Berlin' })
  timeZone?: string;
}
