import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import {
  CALL_TYPES,
  WAITING_LINE_STATUSES,
  type CallType,
  type JoinWaitingLineRequest,
  type LineJoinPayload,
  type WaitingLineEndReason,
  type WaitingLineEntryDto,
  type WaitingLineStaffEntryDto,
  type WaitingLineStatus,
  type WaitingLineView,
} from '@callshop/contracts';
import { CallPartyDto, ProductSummaryDto } from '../http/dto/responses.dto';

/** `POST /shops/:shopId/waiting-line`. */
export class JoinWaitingLineDto implements JoinWaitingLineRequest {
  @ApiProperty({ format: 'uuid', description: 'The product the call will be about (sold by this shop)' })
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId!: string;

  @ApiPropertyOptional({ enum: CALL_TYPES, default: 'video' })
  @IsOptional()
  @IsIn(CALL_TYPES as CallType[], { message: 'type must be video or audio' })
  type?: CallType;

  @ApiProperty({
    description: "The customer's socket id on the /calls namespace: the call binds to it when it is started",
  })
  @IsString({ message: 'deviceId must be a socket id' })
  @Length(1, 64, { message: 'deviceId must be a socket id' })
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'deviceId must be a socket id' })
  deviceId!: string;
}

/** `line:join` over the socket (the socket is the device). */
export class LineJoinDto implements LineJoinPayload {
  @IsUUID('all', { message: 'sellerId must be a UUID' })
  sellerId!: string;

  @IsUUID('all', { message: 'productId must be a UUID' })
  productId!: string;

  @IsOptional()
  @IsIn(CALL_TYPES as CallType[], { message: 'type must be video or audio' })
  type?: CallType;
}

/** `line:leave` over the socket. */
export class LineLeaveDto {
  @IsUUID('all', { message: 'shopId must be a UUID' })
  shopId!: string;
}

export class WaitingLineEntryResponseDto implements WaitingLineEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) shopId!: string;
  @ApiProperty() shopName!: string;
  @ApiProperty({ type: ProductSummaryDto, nullable: true }) product!: ProductSummaryDto | null;
  @ApiProperty({ enum: CALL_TYPES }) type!: CallType;
  @ApiProperty({ enum: WAITING_LINE_STATUSES }) status!: WaitingLineStatus;
  @ApiProperty({ enum: ['left', 'devices_gone', 'blocked'], nullable: true })
  endReason!: WaitingLineEndReason | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '1 at the head of the line; null once out of it',
  })
  position!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "Estimated seconds until a staff member is free: position × the median talk time of the shop's last 20 connected calls (180 s without any) ÷ the staff taking calls",
  })
  estimatedWaitSeconds!: number | null;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The call started for this entry',
  })
  callId!: string | null;
}

export class WaitingLineStaffEntryResponseDto implements WaitingLineStaffEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ type: CallPartyDto }) customer!: CallPartyDto;
  @ApiProperty({ type: ProductSummaryDto, nullable: true }) product!: ProductSummaryDto | null;
  @ApiProperty({ enum: CALL_TYPES }) type!: CallType;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
}

export class WaitingLineViewResponseDto implements WaitingLineView {
  @ApiProperty({ format: 'uuid' }) shopId!: string;
  @ApiProperty({ description: 'Customers waiting' }) length!: number;
  @ApiProperty({ description: 'Estimated seconds a customer joining now would wait' })
  estimatedWaitSeconds!: number;
  @ApiPropertyOptional({
    type: [WaitingLineStaffEntryResponseDto],
    description: "The shop's staff only: every waiting customer, head first",
  })
  entries?: WaitingLineStaffEntryResponseDto[];
  @ApiPropertyOptional({
    type: WaitingLineEntryResponseDto,
    nullable: true,
    description: 'Customers only: their own entry (waiting, or the latest one), null if they never joined',
  })
  mine?: WaitingLineEntryResponseDto | null;
}
