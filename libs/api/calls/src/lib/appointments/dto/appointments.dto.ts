import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  APPOINTMENT_SETTING_LIMITS as L,
  type AppointmentDto,
  type AppointmentSettings,
  type AppointmentSlot,
  type AppointmentSlotsDto,
  type AppointmentStatus,
  type BookAppointmentRequest,
  type CancelAppointmentRequest,
  type RescheduleAppointmentRequest,
} from '@callshop/contracts';

const range = (key: keyof AppointmentSettings) => [
  Min(L[key].min, { message: `${key} must be ${L[key].min} to ${L[key].max}` }),
  Max(L[key].max, { message: `${key} must be ${L[key].min} to ${L[key].max}` }),
  IsInt({ message: `${key} must be a whole number` }),
];
const apply =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

/** `PUT /shops/:shopId/appointment-settings` */
export class AppointmentSettingsDto implements AppointmentSettings {
  @ApiProperty({ minimum: L.slotMinutes.min, maximum: L.slotMinutes.max, example: 15 })
  @apply(...range('slotMinutes'))
  slotMinutes!: number;

  @ApiProperty({ minimum: L.bufferMinutes.min, maximum: L.bufferMinutes.max, example: 5 })
  @apply(...range('bufferMinutes'))
  bufferMinutes!: number;

  @ApiProperty({
    minimum: L.capacity.min,
    maximum: L.capacity.max,
    example: 1,
    description: 'How many staff members take appointments: appointments one slot holds',
  })
  @apply(...range('capacity'))
  capacity!: number;

  @ApiProperty({ minimum: L.reminderLeadMinutes.min, maximum: L.reminderLeadMinutes.max, example: 15 })
  @apply(...range('reminderLeadMinutes'))
  reminderLeadMinutes!: number;

  @ApiProperty({
    minimum: L.changeCutoffMinutes.min,
    maximum: L.changeCutoffMinutes.max,
    example: 60,
    description: 'The customer may reschedule or cancel up to this long before the start',
  })
  @apply(...range('changeCutoffMinutes'))
  changeCutoffMinutes!: number;
}

export class AppointmentSlotsQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Default: a week after from; at most 31 days after it',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;
}

export class AppointmentSlotDto implements AppointmentSlot {
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ description: 'Places left' }) free!: number;
}

export class AppointmentSlotsResponseDto implements AppointmentSlotsDto {
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty() slotMinutes!: number;
  @ApiProperty({ type: [AppointmentSlotDto] }) slots!: AppointmentSlotDto[];
}

export class BookAppointmentDto implements BookAppointmentRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'shopId must be a UUID' })
  shopId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId!: string;

  @ApiProperty({ format: 'date-time', description: 'The start of a free slot' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt!: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'note must be at most 500 characters' })
  note?: string;
}

export class RescheduleAppointmentDto implements RescheduleAppointmentRequest {
  @ApiProperty({ format: 'date-time', description: 'The start of another free slot' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt!: string;
}

export class CancelAppointmentDto implements CancelAppointmentRequest {
  @ApiPropertyOptional({ maxLength: 500, description: 'Required when the shop cancels' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason?: string;
}

export class AppointmentListQueryDto {
  @ApiPropertyOptional({ enum: ['upcoming', 'past'], default: 'upcoming' })
  @IsOptional()
  @IsIn(['upcoming', 'past'], { message: 'when must be upcoming or past' })
  when?: 'upcoming' | 'past';
}

class AppointmentShopDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() isPlatform!: boolean;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
}

class AppointmentPartyDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

class AppointmentProductDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() price!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: String, nullable: true }) image!: string | null;
}

export class AppointmentResponseDto implements AppointmentDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['booked', 'completed', 'cancelled', 'no_show'] }) status!: AppointmentStatus;
  @ApiProperty({ type: AppointmentPartyDto }) customer!: AppointmentPartyDto;
  @ApiProperty({ type: AppointmentShopDto }) shop!: AppointmentShopDto;
  @ApiProperty({ type: AppointmentProductDto }) product!: AppointmentProductDto;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ enum: ['customer', 'shop'], nullable: true }) cancelledBy!: 'customer' | 'shop' | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty() rescheduleCount!: number;
  @ApiProperty({ type: String, nullable: true }) callId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) joinedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) changeableUntil!: string | null;
}
