import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CALL_RATING_LIMITS, type CallRatingDto, type RateCallRequest } from '@callshop/contracts';

const { starsMin, starsMax, commentMax } = CALL_RATING_LIMITS;
const STARS = `stars must be a whole number from ${starsMin} to ${starsMax}`;

export class RateCallDto implements RateCallRequest {
  @ApiProperty({ minimum: starsMin, maximum: starsMax, example: 5 })
  @IsInt({ message: STARS })
  @Min(starsMin, { message: STARS })
  @Max(starsMax, { message: STARS })
  stars!: number;

  @ApiPropertyOptional({ maxLength: commentMax, example: 'Very helpful, showed me the back panel.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'comment must be text' })
  @MaxLength(commentMax, { message: `comment is longer than ${commentMax} characters` })
  comment?: string;
}

export class CallRatingResponseDto implements CallRatingDto {
  @ApiProperty({ minimum: starsMin, maximum: starsMax }) stars!: number;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
