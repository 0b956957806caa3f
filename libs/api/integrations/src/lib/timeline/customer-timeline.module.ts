import { Module } from '@nestjs/common';
import { AuthModule } from '@callshop/api/auth';
import { CustomerTimelineController } from './customer-timeline.controller';
import { CustomerTimelineService } from './customer-timeline.service';

/** `GET /customers/:id/timeline` and `POST /calls/:id/notes` for a shop's staff. */
@Module({
  imports: [AuthModule],
  controllers: [CustomerTimelineController],
  providers: [CustomerTimelineService],
})
export class CustomerTimelineModule {}
