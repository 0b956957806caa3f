import type { UserRole } from '@callshop/contracts';

/** The authenticated caller of a request or socket, as read from a verified token. */
export interface AuthUser {
  id: string;
  role: UserRole;
  name: string;
  /** Set for sellers: the shop they are staff of. */
  shopId?: string;
}
