import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import {
  CART_LIMITS as L,
  type AddToCartRequest,
  type CartDto,
  type CartLineDto,
  type GuestCartItem,
  type MergeCartRequest,
  type SetCartQuantityRequest,
} from '@callshop/contracts';
import { MoneyDto, ShopSummaryDto } from './common.dto';

export class AddToCartDto implements AddToCartRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId!: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: L.quantityMax })
  @IsOptional()
  @IsInt({ message: 'quantity must be a whole number' })
  @Min(1)
  @Max(L.quantityMax)
  quantity?: number;
}

export class SetCartQuantityDto implements SetCartQuantityRequest {
  @ApiProperty({ minimum: 1, maximum: L.quantityMax })
  @IsInt({ message: 'quantity must be a whole number' })
  @Min(1)
  @Max(L.quantityMax)
  quantity!: number;
}

export class GuestCartItemDto implements GuestCartItem {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId!: string;

  @ApiProperty({ minimum: 1, maximum: L.quantityMax })
  @IsInt({ message: 'quantity must be a whole number' })
  @Min(1)
  @Max(L.quantityMax)
  quantity!: number;
}

export class MergeCartDto implements MergeCartRequest {
  @ApiProperty({ type: [GuestCartItemDto], maxItems: L.linesMax })
  @IsArray()
  @ArrayMaxSize(L.linesMax)
  @ValidateNested({ each: true })
  @Type(() => GuestCartItemDto)
  items!: GuestCartItemDto[];
}

export class CartLineResponseDto implements CartLineDto {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Integer minor units, the current price' }) price!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: String, nullable: true }) image!: string | null;
  @ApiProperty({ description: 'Units in stock now' }) stock!: number;
  @ApiProperty() quantity!: number;
  @ApiProperty({ description: 'False once the product is no longer sold' }) available!: boolean;
  @ApiProperty({ type: ShopSummaryDto }) shop!: ShopSummaryDto;
}

export class CartResponseDto implements CartDto {
  @ApiProperty({ type: [CartLineResponseDto] }) items!: CartLineResponseDto[];
  @ApiProperty({ description: 'Units in the cart' }) count!: number;
  @ApiProperty({ type: [MoneyDto], description: 'One total per currency' }) totals!: MoneyDto[];
}
