import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  USER_ROLES,
  type AuthResponse,
  type StaffRole,
  type UserDto,
  type UserRole,
} from '@callshop/contracts';

export class UserResponseDto implements UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: USER_ROLES }) role!: UserRole;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) phoneNumber!: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'The shop a seller works for' }) shopId?: string;
  @ApiPropertyOptional({ enum: ['owner', 'staff'] }) staffRole?: StaffRole;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AuthResponseDto implements AuthResponse {
  @ApiProperty({ description: 'JWT access token, sent as `Authorization: Bearer <token>`' })
  accessToken!: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn!: number;
  @ApiProperty({ type: UserResponseDto }) user!: UserResponseDto;
}
