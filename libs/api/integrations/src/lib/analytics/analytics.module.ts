import { Module } from '@nestjs/common';
import { AuthModule } from '@callshop/api/auth';
import { AnalyticsController } from './analytics.controller';
import { ShopAnalyticsService } from './analytics.service';

/** A shop's figures for its staff (`GET /api/v2/analytics`). */
@Module({
  imports: [AuthModule],
  controllers: [AnalyticsController],
  providers: [ShopAnalyticsService],
})
export class AnalyticsModule {}
