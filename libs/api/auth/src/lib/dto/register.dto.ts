import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { USER_ROLES, type RegisterRequest, type UserRole } from '@callshop/contracts';
import { StrongPassword } from '../password-strength';
import { PHONE_MESSAGE, PHONE_PATTERN } from './phone';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ enum: USER_ROLES, description: 'A seller registration also creates the shop' })
  @IsIn(USER_ROLES as UserRole[], { message: 'role must be customer or seller' })
  role!: UserRole;

  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 120 })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ example: 'ada@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({
    minLength: 8,
    maxLength: 128,
    example: 'kettle violin harbour',
    description: 'Must not be a common password; see docs/security.md',
  })
  @IsString()
  @Length(8, 128, { message: 'password must be 8 to 128 characters long' })
  @StrongPassword()
  password!: string;

  @ApiPropertyOptional({
    example: '+1 555 010 2030',
    description: "A seller's number is the shop's phone number",
  })
  @IsOptional()
  @Transform(trim)
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phoneNumber?: string;

  @ApiPropertyOptional({ example: 'Northwind Audio', description: 'Required for sellers' })
  @ValidateIf((o: RegisterDto) => o.role === 'seller' || o.shopName !== undefined)
  @Transform(trim)
  @IsString({ message: 'shopName is required for sellers' })
  @Length(2, 120, { message: 'shopName must be 2 to 120 characters long' })
  shopName?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  shopDescription?: string;
}
