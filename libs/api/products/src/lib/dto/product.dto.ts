import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  PRODUCT_LIMITS as L,
  type CreateProductRequest,
  type ProductDto,
  type ProductQuery,
  type ShopDto,
} from '@callshop/contracts';
import { PageQueryDto } from '@callshop/api/core';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** An image is an absolute http(s) URL or a path served by this site (e.g. /assets/demo/...). */
const IMAGE_URL = /^(https?:\/\/[^\s]+|\/[^\s]*)$/;

export class CreateProductDto implements CreateProductRequest {
  @ApiProperty({ example: 'Studio headphones', maxLength: L.nameMax })
  @Transform(trim)
  @IsString()
  @Length(1, L.nameMax)
  name!: string;

  @ApiProperty({ maxLength: L.descriptionMax })
  @IsString()
  @MaxLength(L.descriptionMax)
  description!: string;

  @ApiProperty({ description: 'Price in integer minor units (cents)', example: 12999 })
  @IsInt({ message: 'price must be a whole number of minor units (cents)' })
  @Min(0)
  @Max(L.priceMax)
  price!: number;

  @ApiPropertyOptional({ example: 'USD', default: 'USD' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO 4217 code' })
  currency?: string;

  @ApiProperty({ example: 10 })
  @IsInt()
  @Min(0)
  @Max(L.stockMax)
  stock!: number;

  @ApiPropertyOptional({ example: 'Audio' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, L.categoryMax)
  category?: string;

  @ApiPropertyOptional({ type: [String], example: ['/assets/demo/headphones.svg'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.imagesMax)
  @Matches(IMAGE_URL, { each: true, message: 'each image must be an http(s) URL or a site path' })
  @MaxLength(2048, { each: true })
  images?: string[];
}

export class UpdateProductDto extends PartialType(CreateProductDto) {}

export class ProductQueryDto extends PageQueryDto implements ProductQuery {
  @ApiPropertyOptional({ description: 'Words to find in name, description or category' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'shopId must be a UUID' })
  shopId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(L.categoryMax)
  category?: string;
}

class ShopSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Operated by the platform ("Support" rather than "Seller")' })
  isPlatform!: boolean;
}

export class ProductResponseDto implements ProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Integer minor units' }) price!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() stock!: number;
  @ApiProperty({ type: String, nullable: true }) category!: string | null;
  @ApiProperty({ type: [String] }) images!: string[];
  @ApiProperty({ type: ShopSummaryResponse }) shop!: ShopSummaryResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductResponseDto] }) items!: ProductResponseDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class ShopResponseDto implements ShopDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() isPlatform!: boolean;
  @ApiProperty() description!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Only for authenticated users' })
  phoneNumber?: string | null;
  @ApiProperty() productCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
