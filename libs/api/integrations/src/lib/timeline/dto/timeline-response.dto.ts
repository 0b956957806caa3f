import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CALL_END_REASONS, CALL_STATUSES, CALLBACK_STATUSES, ORDER_STATUSES } from '@callshop/contracts';

class PartyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

class ProductRefDto {
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) id!: string | null;
  @ApiProperty() name!: string;
}

export class CallNoteResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: PartyDto, nullable: true }) author!: PartyDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

class TimelineCallDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['incoming', 'outgoing'], description: "From the shop's point of view" })
  direction!: string;
  @ApiProperty({ enum: ['video', 'audio'] }) type!: string;
  @ApiProperty({ enum: CALL_STATUSES }) status!: string;
  @ApiProperty({ enum: CALL_END_REASONS, nullable: true }) endReason!: string | null;
  @ApiProperty({ type: PartyDto, nullable: true }) staff!: PartyDto | null;
  @ApiProperty({ type: ProductRefDto, nullable: true }) product!: ProductRefDto | null;
  @ApiProperty({ type: Number, nullable: true }) durationSeconds!: number | null;
}

class TimelineCallbackDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CALLBACK_STATUSES }) status!: string;
  @ApiProperty({ enum: ['phone', 'video'] }) preference!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: ProductRefDto, nullable: true }) product!: ProductRefDto | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) handledAt!: string | null;
}

class TimelineOrderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: string;
  @ApiProperty({ description: 'Minor units of currency' }) total!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ description: 'Units ordered' }) items!: number;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) assistedByCallId!: string | null;
}

/** One entry: `kind` says which of `call` (with its `notes`), `callback` or `order` it holds. */
class TimelineItemDto {
  @ApiProperty({ enum: ['call', 'callback', 'order'] }) kind!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was made or placed' }) at!: string;
  @ApiPropertyOptional({ type: TimelineCallDto }) call?: TimelineCallDto;
  @ApiPropertyOptional({ type: [CallNoteResponseDto], description: "The shop's private notes, oldest first" })
  notes?: CallNoteResponseDto[];
  @ApiPropertyOptional({ type: TimelineCallbackDto }) callback?: TimelineCallbackDto;
  @ApiPropertyOptional({ type: TimelineOrderDto }) order?: TimelineOrderDto;
}

export class CustomerTimelineDto {
  @ApiProperty({ type: PartyDto }) customer!: PartyDto;
  @ApiProperty({ type: [TimelineItemDto], description: 'Newest first' }) items!: TimelineItemDto[];
}
