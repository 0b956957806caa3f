import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PHONE_MESSAGE, PHONE_PATTERN } from '@callshop/api/auth';
import type {
  CallbackPreference,
  CallbackStatus,
  CreateCallbackRequest,
  UpdateCallbackRequest,
} from '@callshop/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const CALLBACK_NOTE_MAX = 500;

export class CreateCallbackDto implements CreateCallbackRequest {
  @ApiProperty({ format: 'uuid', description: "The shop's id" })
  @IsUUID('all', { message: 'sellerId must be a UUID' })
  sellerId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The product the customer asks about; must be sold by the shop',
  })
  @IsOptional()
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId?: string;

  @ApiPropertyOptional({ maxLength: CALLBACK_NOTE_MAX, example: 'Does it fit a 15" laptop?' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(CALLBACK_NOTE_MAX)
  note?: string;

  @ApiPropertyOptional({ enum: ['phone', 'video'], default: 'phone' })
  @IsOptional()
  @IsIn(['phone', 'video'])
  preference?: CallbackPreference;

  @ApiPropertyOptional({
    example: '+1 555 010 2030',
    description: 'A number to call back on, when the account has none',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phoneNumber?: string;
}

export class UpdateCallbackDto implements UpdateCallbackRequest {
  @ApiProperty({
    enum: ['done', 'cancelled'],
    description:
      '`done`: handled without a call placed from the request (the customer sees "Closed by the shop", not "Called back"). ' +
      'A request a completed call-back call answered closes itself as `called_back`.',
  })
  @IsIn(['done', 'cancelled'], { message: 'status must be done or cancelled' })
  status!: Exclude<CallbackStatus, 'open' | 'called_back'>;
}
