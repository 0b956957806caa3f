import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import type { AuthResponse, JwtClaims, UserDto } from '@callshop/contracts';
import { authConfig, RequestValidationException } from '@callshop/api/core';
import type { AuthUser } from './auth-user';
import type { AddStaffDto } from './dto/add-staff.dto';
import type { RegisterDto } from './dto/register.dto';
import { PasswordHasher } from './password-hasher';
import { Shop } from './shop.entity';
import { toUserDto } from './user.mapper';
import { User } from './user.entity';

const EMAIL_TAKEN = 'An account with this email already exists';

function isUniqueViolation(e: unknown): boolean {
  return e instanceof QueryFailedError && (e.driverError as { code?: string })?.code === '23505';
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  /** Creates a customer, or a seller together with their shop, in one transaction. */
  async register(dto: RegisterDto, options: { platformShop?: boolean } = {}): Promise<AuthResponse> {
    await this.assertEmailFree(dto.email);
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      const user = await this.dataSource.transaction(async (em) => {
        let shop: Shop | null = null;
        if (dto.role === 'seller') {
          shop = await em.save(
            em.create(Shop, {
              name: dto.shopName!,
              description: dto.shopDescription ?? '',
              phoneNumber: dto.phoneNumber ?? null,
              isPlatform: options.platformShop ?? false,
            }),
          );
        }
        return em.save(
          em.create(User, {
            email: dto.email,
            passwordHash,
            name: dto.name,
            role: dto.role,
            phoneNumber: dto.phoneNumber ?? null,
            shopId: shop?.id ?? null,
            staffRole: shop ? 'owner' : null,
          }),
        );
      });
      return this.issue(user);
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException(EMAIL_TAKEN);
      throw e;
    }
  }

  async login(email: string, password: string): Promise<AuthResponse> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
    // Same answer, and the same time, for an unknown email and a wrong password.
    if (!(await this.hasher.verify(user?.passwordHash ?? null, password)) || !user) {
      throw new UnauthorizedException('Email or password is incorrect');
    }
    return this.issue(user);
  }

  /** Replaces the password after checking the current one; the new one passed the strength rule. */
  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: userId })
      .getOne();
    if (!user) throw new UnauthorizedException('This account no longer exists');
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new RequestValidationException([
        { field: 'currentPassword', messages: ['The current password is not correct'] },
      ]);
    }
    await this.users.update({ id: userId }, { passwordHash: await this.hasher.hash(newPassword) });
  }

  async me(userId: string): Promise<UserDto> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new UnauthorizedException('This account no longer exists');
    return toUserDto(user);
  }

  /** The shop owner adds a staff account; staff answer the shop's calls like the owner. */
  async addStaff(owner: AuthUser, dto: AddStaffDto): Promise<UserDto> {
    const ownerRow = await this.users.findOneBy({ id: owner.id });
    if (!ownerRow?.shopId || ownerRow.staffRole !== 'owner') {
      throw new ForbiddenException("Only the shop's owner can add staff");
    }
    await this.assertEmailFree(dto.email);
    try {
      const user = await this.users.save(
        this.users.create({
          email: dto.email,
          passwordHash: await this.hasher.hash(dto.password),
          name: dto.name,
          role: 'seller',
          phoneNumber: dto.phoneNumber ?? null,
          shopId: ownerRow.shopId,
          staffRole: 'staff',
        }),
      );
      return toUserDto(user);
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException(EMAIL_TAKEN);
      throw e;
    }
  }

  async listStaff(seller: AuthUser): Promise<UserDto[]> {
    if (!seller.shopId) throw new ForbiddenException('Only sellers have staff');
    const staff = await this.users.find({ where: { shopId: seller.shopId }, order: { createdAt: 'ASC' } });
    return staff.map(toUserDto);
  }

  /** Verifies an access token (used by the socket handshake); throws 401 when it is not valid. */
  async verifyToken(token: string): Promise<AuthUser> {
    let claims: JwtClaims;
    try {
      claims = await this.jwt.verifyAsync<JwtClaims>(token, { algorithms: ['HS256'] });
    } catch (e) {
      const expired = (e as { name?: string }).name === 'TokenExpiredError';
      throw new UnauthorizedException(
        expired ? 'Access token expired: log in again' : 'Access token is invalid',
      );
    }
    return {
      id: claims.sub,
      role: claims.role,
      name: claims.name,
      ...(claims.shopId ? { shopId: claims.shopId } : {}),
    };
  }

  private async assertEmailFree(email: string): Promise<void> {
    const taken = await this.users
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getExists();
    if (taken) throw new ConflictException(EMAIL_TAKEN);
  }

  private async issue(user: User): Promise<AuthResponse> {
    const claims: JwtClaims = {
      sub: user.id,
      role: user.role,
      name: user.name,
      ...(user.shopId ? { shopId: user.shopId } : {}),
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.jwtExpiresIn });
    return { accessToken, expiresIn: this.config.jwtExpiresIn, user: toUserDto(user) };
  }
}
