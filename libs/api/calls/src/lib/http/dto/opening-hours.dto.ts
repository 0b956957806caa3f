import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { OpeningHours, OpeningHoursDto, OpeningSlot } from '@callshop/contracts';

export class OpeningSlotDto implements OpeningSlot {
  @ApiProperty({ minimum: 1, maximum: 7, description: '1 Monday ... 7 Sunday' })
  @IsInt({ message: 'day must be 1 (Monday) to 7 (Sunday)' })
  day!: number;

  @ApiProperty({ example: '09:00', description: "Wall-clock time in the shop's time zone" })
  @IsString()
  @MaxLength(5)
  opens!: string;

  @ApiProperty({ example: '17:30', description: 'After `opens`; "24:00" for midnight' })
  @IsString()
  @MaxLength(5)
  closes!: string;
}

/** `PUT /shops/:shopId/opening-hours`; the times' meaning is checked by the service (every problem named). */
export class SetOpeningHoursDto implements OpeningHours {
  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA time zone of the weekly times' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @ApiProperty({ type: [OpeningSlotDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OpeningSlotDto)
  weekly!: OpeningSlotDto[];

  @ApiProperty({
    type: [String],
    example: ['2026-12-25'],
    description: "Whole days closed, in the shop's time zone",
  })
  @IsArray()
  @ArrayMaxSize(400)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  closures!: string[];
}

export class OpeningHoursResponseDto extends SetOpeningHoursDto implements OpeningHoursDto {
  @ApiProperty() openNow!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'While open' })
  closesAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'While closed: the next opening',
  })
  nextOpenAt!: string | null;
}
