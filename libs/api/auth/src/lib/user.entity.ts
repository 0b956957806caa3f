import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import type { StaffRole, UserRole } from '@callshop/contracts';
import { BaseEntity } from '@callshop/api/core';
import { Shop } from './shop.entity';

/** A customer, or a staff member (owner or staff) of one shop. */
@Entity('users')
export class User extends BaseEntity {
  @Column({ length: 254 })
  email!: string;

  @Column({ name: 'password_hash', length: 255, select: false })
  passwordHash!: string;

  @Column({ length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: UserRole;

  @Column({ name: 'phone_number', type: 'varchar', length: 32, nullable: true })
  phoneNumber!: string | null;

  @Column({ name: 'shop_id', type: 'uuid', nullable: true })
  shopId!: string | null;

  @ManyToOne(() => Shop, { nullable: true })
  @JoinColumn({ name: 'shop_id' })
  shop?: Shop | null;

  @Column({ name: 'staff_role', type: 'varchar', length: 16, nullable: true })
  staffRole!: StaffRole | null;
}
