import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  ORDER_ASSIST_WINDOW_HOURS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  type CheckoutRequest,
  type CheckoutResponse,
  type OrderAssist,
  type OrderCustomer,
  type OrderDto,
  type OrderItemDto,
  type OrderQuery,
  type OrderStatus,
  type PaymentMethod,
  type PaymentStatus,
  type ShippingAddress,
  type UpdateOrderStatusRequest,
} from '@callshop/contracts';
import { PHONE_PATTERN } from '@callshop/api/auth';
import { PageQueryDto } from '@callshop/api/core';
import { MoneyDto, ShopSummaryDto } from './common.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ShippingAddressDto implements ShippingAddress {
  @ApiProperty({ example: 'Jordan Buyer', maxLength: 120 })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ example: '12 Harbour Street', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  line1!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(0, 200)
  line2?: string | null;

  @ApiProperty({ example: 'Springfield', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  city!: string;

  @ApiProperty({ example: '12345', maxLength: 20 })
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{0,19}$/, {
    message: 'postalCode must be letters, digits, spaces or dashes',
  })
  postalCode!: string;

  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2 country code' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a 2-letter country code such as US' })
  country!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+1 555 010 2030' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a phone number such as +1 555 010 2030' })
  phone?: string | null;
}

export class CheckoutDto implements CheckoutRequest {
  @ApiProperty({ type: ShippingAddressDto })
  @IsDefined({ message: 'shippingAddress is required' })
  @IsObject({ message: 'shippingAddress must be an object' })
  @ValidateNested()
  @Type(() => ShippingAddressDto)
  shippingAddress!: ShippingAddressDto;

  @ApiProperty({ enum: PAYMENT_METHODS, example: 'cash_on_delivery' })
  @IsIn(PAYMENT_METHODS as PaymentMethod[], {
    message: `paymentMethod must be one of: ${PAYMENT_METHODS.join(', ')}`,
  })
  paymentMethod!: PaymentMethod;
}

export class UpdateOrderStatusDto implements UpdateOrderStatusRequest {
  @ApiProperty({ enum: ORDER_STATUSES })
  @IsIn(ORDER_STATUSES as OrderStatus[], { message: `status must be one of: ${ORDER_STATUSES.join(', ')}` })
  status!: OrderStatus;
}

export class OrderQueryDto extends PageQueryDto implements OrderQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES as OrderStatus[], { message: `status must be one of: ${ORDER_STATUSES.join(', ')}` })
  status?: OrderStatus;
}

class OrderItemResponseDto implements OrderItemDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) productId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Integer minor units per unit, at checkout' }) price!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: String, nullable: true }) image!: string | null;
  @ApiProperty() quantity!: number;
}

class OrderCustomerDto implements OrderCustomer {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

class ShippingAddressResponseDto implements ShippingAddress {
  @ApiProperty() name!: string;
  @ApiProperty() line1!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) line2?: string | null;
  @ApiProperty() city!: string;
  @ApiProperty() postalCode!: string;
  @ApiProperty() country!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) phone?: string | null;
}

class OrderAssistDto implements OrderAssist {
  @ApiProperty({ format: 'uuid' }) callId!: string;
  @ApiProperty({ format: 'date-time', description: 'When the call connected' }) connectedAt!: string;
}

export class OrderResponseDto implements OrderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ type: ShopSummaryDto }) shop!: ShopSummaryDto;
  @ApiProperty({ type: OrderCustomerDto }) customer!: OrderCustomerDto;
  @ApiProperty({ type: [OrderItemResponseDto] }) items!: OrderItemResponseDto[];
  @ApiProperty({ type: MoneyDto }) total!: MoneyDto;
  @ApiProperty({ type: ShippingAddressResponseDto }) shippingAddress!: ShippingAddressResponseDto;
  @ApiProperty({ enum: PAYMENT_METHODS }) paymentMethod!: PaymentMethod;
  @ApiProperty({ enum: ['due', 'paid', 'void'] }) paymentStatus!: PaymentStatus;
  @ApiProperty({
    type: OrderAssistDto,
    nullable: true,
    description: `The connected call with the shop, ongoing or ended within ${ORDER_ASSIST_WINDOW_HOURS} hours before checkout, that led to the order`,
  })
  assistedBy!: OrderAssistDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderResponseDto] }) items!: OrderResponseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class CheckoutResponseDto implements CheckoutResponse {
  @ApiProperty({ type: [OrderResponseDto], description: 'One order per shop (and currency)' })
  orders!: OrderResponseDto[];
}
