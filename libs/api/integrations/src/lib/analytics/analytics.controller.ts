import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@callshop/api/core';
import { CurrentUser, JwtAuthGuard, Roles, RolesGuard, type AuthUser } from '@callshop/api/auth';
import type { ShopAnalytics } from '@callshop/contracts';
import { ShopAnalyticsService } from './analytics.service';
import { AnalyticsQueryDto } from './dto/analytics-query.dto';
import { ShopAnalyticsDto } from './dto/analytics-response.dto';

/** The figures of the seller's own shop (owner or staff). */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('seller')
export class AnalyticsController {
  constructor(private readonly analytics: ShopAnalyticsService) {}

  @Get()
  @ApiOperation({
    summary: "Every figure of the seller's shop for a period of local days in a time zone",
    description:
      'Calls per day by outcome, answer rate, time to answer (median, 90th percentile), missed calls ' +
      'by reason, incoming calls by weekday and hour, calls/orders/revenue per product, per staff ' +
      'member, callback requests opened and closed. Days run from local midnight to local midnight ' +
      'in `timeZone` (a DST day has 23 or 25 hours). Orders count unless cancelled; money is in ' +
      'minor units. `notes` says what this server cannot count.',
  })
  @ApiOkResponse({ type: ShopAnalyticsDto })
  @ApiErrors(400, 401, 403)
  figures(@CurrentUser() user: AuthUser, @Query() query: AnalyticsQueryDto): Promise<ShopAnalytics> {
    return this.analytics.figures(user, query);
  }
}
