import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  WEBHOOK_EVENTS,
  WEBHOOK_LIMITS,
  type CreateWebhookEndpointRequest,
  type UpdateWebhookEndpointRequest,
  type WebhookEventType,
} from '@callshop/contracts';
import { PageQueryDto } from '@callshop/api/calls';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateWebhookEndpointDto implements CreateWebhookEndpointRequest {
  @ApiProperty({
    example: 'https://crm.example.com/hooks/callshop',
    maxLength: WEBHOOK_LIMITS.urlMax,
    description: 'HTTPS; in production it must resolve to public addresses only',
  })
  @Transform(trim)
  @IsString()
  @MaxLength(WEBHOOK_LIMITS.urlMax)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['call.missed', 'callback.requested'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true, message: `events must be among ${WEBHOOK_EVENTS.join(', ')}` })
  events!: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: WEBHOOK_LIMITS.descriptionMax, example: 'CRM' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(WEBHOOK_LIMITS.descriptionMax)
  description?: string;
}

export class UpdateWebhookEndpointDto implements UpdateWebhookEndpointRequest {
  @ApiPropertyOptional({ maxLength: WEBHOOK_LIMITS.urlMax })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(WEBHOOK_LIMITS.urlMax)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true, message: `events must be among ${WEBHOOK_EVENTS.join(', ')}` })
  events?: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: WEBHOOK_LIMITS.descriptionMax, nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsString()
  @MaxLength(WEBHOOK_LIMITS.descriptionMax)
  description?: string | null;

  @ApiPropertyOptional({ description: 'A disabled endpoint receives nothing until enabled again' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookEndpointResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events!: WebhookEventType[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreatedWebhookEndpointResponseDto extends WebhookEndpointResponseDto {
  @ApiProperty({
    description: 'The HMAC-SHA256 signing secret. Shown only here, once: store it now.',
    example: 'whsec_…',
  })
  secret!: string;
}

export class WebhookAttemptResponseDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The status the endpoint answered' })
  responseStatus!: number | null;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class WebhookDeliveryResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The same in a redelivery' }) eventId!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS }) event!: WebhookEventType;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) redeliveryOf!: string | null;
  @ApiProperty({ type: [WebhookAttemptResponseDto] }) attempts!: WebhookAttemptResponseDto[];
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryResponseDto] }) items!: WebhookDeliveryResponseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

/** Paging of the delivery log (newest first). */
export class WebhookDeliveryQueryDto extends PageQueryDto {}
