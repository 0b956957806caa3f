import { ApiProperty } from '@nestjs/swagger';
import {
  CALL_CHAT_LIMITS,
  type CallMessageDto,
  type CallMessageKind,
  type CallMessageSender,
  type CallProductCard,
} from '@callshop/contracts';

export class CallProductCardDto implements CallProductCard {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Integer minor units (cents), when the card was sent' }) price!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ type: String, nullable: true }) image!: string | null;
  @ApiProperty({ description: 'Units in stock when the card was sent' }) stock!: number;
}

export class CallMessageResponseDto implements CallMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ enum: ['text', 'product'] }) kind!: CallMessageKind;
  @ApiProperty({ enum: ['customer', 'shop'] }) sender!: CallMessageSender;
  @ApiProperty({ description: 'The customer, or the staff member who sent it' }) senderName!: string;
  @ApiProperty({ format: 'uuid', description: "The sending device's id for the message" }) clientId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: CALL_CHAT_LIMITS.textMax,
    description: 'Plain text (kind `text`); never HTML',
  })
  text!: string | null;
  @ApiProperty({ type: CallProductCardDto, nullable: true, description: 'The card (kind `product`)' })
  product!: CallProductCardDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
