import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import type { ChangePasswordRequest } from '@callshop/contracts';
import { StrongPassword } from '../password-strength';

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(128)
  currentPassword!: string;

  @ApiProperty({ minLength: 8, maxLength: 128, description: 'Must not be a common password' })
  @IsString()
  @Length(8, 128, { message: 'newPassword must be 8 to 128 characters long' })
  @StrongPassword()
  newPassword!: string;
}
