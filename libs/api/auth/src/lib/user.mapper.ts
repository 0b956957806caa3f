import type { UserDto } from '@callshop/contracts';
import type { User } from './user.entity';

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    phoneNumber: user.phoneNumber,
    ...(user.shopId ? { shopId: user.shopId, staffRole: user.staffRole ?? 'staff' } : {}),
    createdAt: user.createdAt.toISOString(),
  };
}
