import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  CALL_NOTE_MAX_LENGTH,
  CALL_NOTE_MAX_TAGS,
  CALL_NOTE_TAG_MAX_LENGTH,
  type CreateCallNoteRequest,
} from '@callshop/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCallNoteDto implements CreateCallNoteRequest {
  @ApiProperty({ maxLength: CALL_NOTE_MAX_LENGTH, example: 'Wants the black model; call back after payday' })
  @Transform(trim)
  @IsString({ message: 'body must be text' })
  @Length(1, CALL_NOTE_MAX_LENGTH, { message: `body must be 1-${CALL_NOTE_MAX_LENGTH} characters` })
  body!: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: CALL_NOTE_MAX_TAGS,
    example: ['vip', 'follow-up'],
    description: `Up to ${CALL_NOTE_MAX_TAGS} tags of 1-${CALL_NOTE_TAG_MAX_LENGTH} letters, digits, spaces, - or _`,
  })
  @IsOptional()
  @IsArray({ message: 'tags must be a list' })
  @ArrayMaxSize(CALL_NOTE_MAX_TAGS, { message: `tags: at most ${CALL_NOTE_MAX_TAGS}` })
  @IsString({ each: true, message: 'tags must be text' })
  @Matches(new RegExp(`^[\\p{L}\\p{N}][\\p{L}\\p{N} _-]{0,${CALL_NOTE_TAG_MAX_LENGTH - 1}}$`, 'u'), {
    each: true,
    message: `each tag must be 1-${CALL_NOTE_TAG_MAX_LENGTH} letters, digits, spaces, - or _`,
  })
  tags?: string[];
}
