import { ApiProperty } from '@nestjs/swagger';
import {
  CALL_END_REASONS,
  type AnalyticsPeriod,
  type AnswerRate,
  type CallbackFigures,
  type CallEndReason,
  type CallsPerDay,
  type MissedReason,
  type ProductFigures,
  type ShopAnalytics,
  type StaffFigures,
  type TimeToAnswer,
} from '@callshop/contracts';

export class AnalyticsPeriodDto implements AnalyticsPeriod {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date', description: 'Included' }) to!: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty({ description: 'Local days in the period' }) days!: number;
  @ApiProperty({ format: 'date-time', description: 'Local midnight starting `from`, in UTC' }) start!: string;
  @ApiProperty({ format: 'date-time', description: 'Local midnight after `to` (exclusive), in UTC' })
  end!: string;
}

export class CallsPerDayDto implements CallsPerDay {
  @ApiProperty({ format: 'date', description: 'Local day' }) date!: string;
  @ApiProperty({ description: 'Calls made that day, both directions' }) total!: number;
  @ApiProperty({ description: 'Connected, or answered and hung up' }) ended!: number;
  @ApiProperty({ description: 'Answered, but media never flowed or an error ended it' }) failed!: number;
  @ApiProperty({ description: 'Rang out, or nobody of the shop was online' }) missed!: number;
  @ApiProperty() declined!: number;
  @ApiProperty() busy!: number;
  @ApiProperty({ description: 'The caller gave up while it rang' }) cancelled!: number;
  @ApiProperty({ description: 'Still ringing or in progress' }) live!: number;
}

export class AnswerRateDto implements AnswerRate {
  @ApiProperty({ description: 'Incoming calls (placed by customers) that stopped ringing' })
  incoming!: number;
  @ApiProperty() answered!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'answered / incoming, 0..1' })
  rate!: number | null;
}

export class TimeToAnswerDto implements TimeToAnswer {
  @ApiProperty() answered!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Median ring time before an answer, s' })
  medianSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '90th percentile (continuous), s' })
  p90Seconds!: number | null;
}

export class MissedReasonDto implements MissedReason {
  @ApiProperty({ enum: CALL_END_REASONS }) reason!: CallEndReason;
  @ApiProperty() count!: number;
}

export class ProductFiguresDto implements ProductFigures {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() calls!: number;
  @ApiProperty({ description: 'Orders (not cancelled) holding the product' }) orders!: number;
  @ApiProperty({ description: 'Of those, orders assisted by a call' }) assistedOrders!: number;
  @ApiProperty({ description: 'Line totals, minor units of `currency`' }) revenue!: number;
  @ApiProperty({ description: 'Line totals of assisted orders, minor units' }) assistedRevenue!: number;
  @ApiProperty({ type: String, nullable: true, example: 'USD' }) currency!: string | null;
}

export class StaffFiguresDto implements StaffFigures {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Incoming calls answered' }) callsTaken!: number;
  @ApiProperty({ description: 'Calls placed to customers' }) callsPlaced!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean talk time of connected calls, s' })
  averageTalkSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean call rating, when calls are rated' })
  averageRating!: number | null;
}

export class CallbacksPerDayDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() opened!: number;
  @ApiProperty() closed!: number;
}

export class CallbackFiguresDto implements CallbackFigures {
  @ApiProperty({ description: 'Requests made in the period' }) opened!: number;
  @ApiProperty({ description: 'Closed by the shop in the period (called back or marked done)' })
  closed!: number;
  @ApiProperty({ description: 'Withdrawn by the customer in the period' }) cancelled!: number;
  @ApiProperty({ description: 'Open now, made at any time' }) openNow!: number;
  @ApiProperty({ type: [CallbacksPerDayDto] }) perDay!: CallbacksPerDayDto[];
}

export class ShopAnalyticsDto implements ShopAnalytics {
  @ApiProperty({ type: AnalyticsPeriodDto }) period!: AnalyticsPeriodDto;
  @ApiProperty({ type: [CallsPerDayDto], description: 'Every local day of the period, oldest first' })
  callsPerDay!: CallsPerDayDto[];
  @ApiProperty({ type: AnswerRateDto }) answerRate!: AnswerRateDto;
  @ApiProperty({ type: TimeToAnswerDto }) timeToAnswer!: TimeToAnswerDto;
  @ApiProperty({ type: [MissedReasonDto], description: 'Unanswered incoming calls by end reason' })
  missedByReason!: MissedReasonDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'integer' } },
    description: 'Incoming calls by local weekday (7 rows, Monday first) and hour (24 columns, 0 first)',
  })
  busiestHours!: number[][];
  @ApiProperty({ type: [ProductFiguresDto] }) products!: ProductFiguresDto[];
  @ApiProperty({ type: [StaffFiguresDto] }) staff!: StaffFiguresDto[];
  @ApiProperty({ type: CallbackFiguresDto }) callbacks!: CallbackFiguresDto;
  @ApiProperty({ type: [String], description: 'What this server cannot count (e.g. no call ratings)' })
  notes!: string[];
}
