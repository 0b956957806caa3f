import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import type { LoginRequest } from '@callshop/contracts';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'customer@demo.shop' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be a valid email address' })
  email!: string;

  @ApiProperty({ example: 'demo-password' })
  @IsString()
  @MaxLength(128)
  password!: string;
}
