import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import {
  CALL_STATUSES,
  CALLBACK_STATUSES,
  type CallbackQuery,
  type CallbackStatus,
  type CallDirection,
  type CallHistoryQuery,
  type CallStatus,
} from '@callshop/contracts';
import { ToWholeNumber } from '@callshop/api/core';

export const PAGE_SIZE_MAX = 100;
export const DEFAULT_PAGE_SIZE = 20;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @ToWholeNumber()
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_SIZE_MAX, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @ToWholeNumber()
  @IsInt()
  @Min(1)
  @Max(PAGE_SIZE_MAX)
  limit?: number;
}

export class CallHistoryQueryDto extends PageQueryDto implements CallHistoryQuery {
  @ApiPropertyOptional({ enum: CALL_STATUSES })
  @IsOptional()
  @IsIn(CALL_STATUSES as CallStatus[])
  status?: CallStatus;

  @ApiPropertyOptional({
    enum: ['incoming', 'outgoing'],
    description: 'From the point of view of the reader',
  })
  @IsOptional()
  @IsIn(['incoming', 'outgoing'])
  direction?: CallDirection;

  @ApiPropertyOptional({ format: 'date-time', description: 'Calls created at or after' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a real date and time (ISO 8601)' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Calls created before' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a real date and time (ISO 8601)' })
  to?: string;
}

export class CallbackQueryDto extends PageQueryDto implements CallbackQuery {
  @ApiPropertyOptional({ enum: CALLBACK_STATUSES })
  @IsOptional()
  @IsIn(CALLBACK_STATUSES as CallbackStatus[])
  status?: CallbackStatus;
}
