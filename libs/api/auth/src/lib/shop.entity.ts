import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@callshop/api/core';

/** A shop: a seller's business, or one operated by the platform itself. */
@Entity('shops')
export class Shop extends BaseEntity {
  @Column({ length: 120 })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'phone_number', type: 'varchar', length: 32, nullable: true })
  phoneNumber!: string | null;

  @Column({ name: 'is_platform', default: false })
  isPlatform!: boolean;
}
