/** Who a user is on the platform. Sellers are staff members of exactly one shop. */
export type UserRole = 'customer' | 'seller';
export const USER_ROLES: readonly UserRole[] = ['customer', 'seller'] as const;

/** A staff member's place in their shop. */
export type StaffRole = 'owner' | 'staff';

export interface UserDto {
  id: string;
  role: UserRole;
  name: string;
  email: string;
  phoneNumber: string | null;
  /** The shop a seller works for; absent for customers. */
  shopId?: string;
  staffRole?: StaffRole;
  createdAt: string;
}

export interface RegisterRequest {
  role: UserRole;
  name: string;
  email: string;
  password: string;
  /** A customer's own number; for a seller, the shop's phone number. */
  phoneNumber?: string;
  /** Required for sellers: registering a seller creates the shop. */
  shopName?: string;
  shopDescription?: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

/** `POST /auth/password`: the signed-in account changes its password. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface AuthResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: UserDto;
}

/** The owner of a shop adds a staff account to it. */
export interface AddStaffRequest {
  name: string;
  email: string;
  password: string;
  phoneNumber?: string;
}

/** Claims carried by an access token. */
export interface JwtClaims {
  sub: string;
  role: UserRole;
  shopId?: string;
  name: string;
}
