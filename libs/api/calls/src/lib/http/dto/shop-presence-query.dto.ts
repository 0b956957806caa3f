import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

/** At most this many shops per request (a catalog page shows 12 cards). */
export const MAX_PRESENCE_SHOPS = 24;

export class ShopPresenceQueryDto {
  @ApiProperty({
    type: String,
    description: `Shop ids, comma-separated (at most ${MAX_PRESENCE_SHOPS})`,
    example: '6f1c1d0e-5a8b-4c3e-9d2f-1b2c3d4e5f60,0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  })
  @Transform(({ value }) =>
    typeof value === 'string' ? [...new Set(value.split(',').map((s) => s.trim()))] : value,
  )
  @IsArray({ message: 'ids must be a comma-separated list of shop ids' })
  @ArrayMinSize(1, { message: 'ids must name at least one shop' })
  @ArrayMaxSize(MAX_PRESENCE_SHOPS, { message: `ids names at most ${MAX_PRESENCE_SHOPS} shops` })
  @IsUUID('all', { each: true, message: 'each of ids must be a shop id (a UUID)' })
  ids!: string[];
}
