import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import type { AddStaffRequest } from '@callshop/contracts';
import { StrongPassword } from '../password-strength';
import { PHONE_MESSAGE, PHONE_PATTERN } from './phone';

export class AddStaffDto implements AddStaffRequest {
  @ApiProperty({ example: 'Grace Hopper' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ example: 'grace@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 128, description: 'Must not be a common password' })
  @IsString()
  @Length(8, 128, { message: 'password must be 8 to 128 characters long' })
  @StrongPassword()
  password!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phoneNumber?: string;
}
