import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { PageQuery } from '@callshop/contracts';
import { ToWholeNumber } from './whole-number';

/** Most items one page of a list may hold, and how many it holds unless asked. */
export const PAGE_LIMITS = { pageSizeMax: 100, defaultPageSize: 20 } as const;

/** `?page=&limit=` of a paginated list (1-based), as whole numbers written in decimal. */
export class PageQueryDto implements PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @ToWholeNumber()
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({
    default: PAGE_LIMITS.defaultPageSize,
    minimum: 1,
    maximum: PAGE_LIMITS.pageSizeMax,
  })
  @IsOptional()
  @ToWholeNumber()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(PAGE_LIMITS.pageSizeMax)
  limit?: number;
}
