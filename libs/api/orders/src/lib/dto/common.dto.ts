import { ApiProperty } from '@nestjs/swagger';
import type { Money, ShopSummary } from '@callshop/contracts';

export class ShopSummaryDto implements ShopSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() isPlatform!: boolean;
}

export class MoneyDto implements Money {
  @ApiProperty({ description: 'Integer minor units' }) amount!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
}
