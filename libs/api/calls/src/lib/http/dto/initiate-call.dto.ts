import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CALL_TYPES, type CallType, type InitiateCallRequest } from '@callshop/contracts';

export class InitiateCallDto implements InitiateCallRequest {
  @ApiPropertyOptional({ format: 'uuid', description: "Customers: the shop's id (the seller)" })
  @IsOptional()
  @IsUUID('all', { message: 'sellerId must be a UUID' })
  sellerId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The product the call is about: required for customers, optional for sellers',
  })
  @IsOptional()
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Sellers: the customer to call (must have contacted the shop)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'customerId must be a UUID' })
  customerId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "Sellers: the customer's open callback request this call answers; it closes itself (called_back) when the call is completed",
  })
  @IsOptional()
  @IsUUID('all', { message: 'callbackRequestId must be a UUID' })
  callbackRequestId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Customers: their booked appointment this call is for (from 10 minutes before it starts until it ends); it rings even outside opening hours and ahead of the waiting line',
  })
  @IsOptional()
  @IsUUID('all', { message: 'appointmentId must be a UUID' })
  appointmentId?: string;

  @ApiPropertyOptional({ enum: CALL_TYPES, default: 'video' })
  @IsOptional()
  @IsIn(CALL_TYPES as CallType[], { message: 'type must be video or audio' })
  type?: CallType;

  @ApiPropertyOptional({
    description:
      "The caller's socket id on the /calls namespace; when absent, the device binds with its first `call:resume`",
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'deviceId must be a socket id' })
  deviceId?: string;
}
