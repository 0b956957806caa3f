import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { authConfig } from '@callshop/api/core';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard, OptionalJwtAuthGuard, RolesGuard } from './guards';
import { jwtKey } from './jwt-key';
import { JwtStrategy } from './jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { Shop } from './shop.entity';
import { User } from './user.entity';

/** Accounts (customers, shop staff), shops' identity, JWT access tokens and the guards. */
@Module({
  imports: [
    TypeOrmModule.forFeature([User, Shop]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (config: ConfigType<typeof authConfig>) => ({
        secret: jwtKey(config.jwtSecret),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, PasswordHasher, JwtStrategy, JwtAuthGuard, OptionalJwtAuthGuard, RolesGuard],
  exports: [AuthService, JwtAuthGuard, OptionalJwtAuthGuard, RolesGuard, TypeOrmModule],
})
export class AuthModule {}
