import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BLOCKED_CALLER_MESSAGE, type BlockedCustomerDto } from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import { CallsRepository } from '../data/calls.repository';
import { ShopBlock } from './shop-block.entity';

const party = (u: { id: string; name: string } | null | undefined) => (u ? { id: u.id, name: u.name } : null);

function toDto(b: ShopBlock): BlockedCustomerDto {
  return {
    customer: party(b.customer) ?? { id: b.customerId, name: '' },
    blockedBy: party(b.blockedBy),
    blockedAt: b.createdAt.toISOString(),
  };
}

/**
 * A shop's blocked customers: its staff block a customer who contacted the shop (named by the
 * customer id of a call or callback request) and unblock them. A blocked customer's calls and
 * callback requests to the shop are refused before anything is written: nothing rings, nothing
 * is recorded, the customer is told {@link BLOCKED_CALLER_MESSAGE}.
 */
@Injectable()
export class ShopBlocks {
  constructor(
    @InjectRepository(ShopBlock) private readonly blocks: Repository<ShopBlock>,
    private readonly calls: CallsRepository,
  ) {}

  /** Refuses a blocked customer's call or callback request (`403`, `FORBIDDEN` over the socket). */
  async assertMayContact(customerId: string, shopId: string): Promise<void> {
    if (await this.blocks.existsBy({ shopId, customerId }))
      throw new ForbiddenException(BLOCKED_CALLER_MESSAGE);
  }

  async list(user: AuthUser, shopId: string): Promise<BlockedCustomerDto[]> {
    this.assertStaff(user, shopId);
    const rows = await this.blocks.find({
      where: { shopId },
      relations: { customer: true, blockedBy: true },
      order: { createdAt: 'DESC' },
    });
    return rows.map(toDto);
  }

  /** Blocks a customer who contacted the shop; blocking again changes nothing. */
  async block(user: AuthUser, shopId: string, customerId: string): Promise<BlockedCustomerDto> {
    this.assertStaff(user, shopId);
    if (!(await this.calls.hasContacted(shopId, customerId))) {
      throw new NotFoundException(`Customer ${customerId} has not contacted this shop`);
    }
    await this.blocks
      .createQueryBuilder()
      .insert()
      .values({ shopId, customerId, blockedById: user.id })
      .orIgnore()
      .execute();
    return toDto(
      await this.blocks.findOneOrFail({
        where: { shopId, customerId },
        relations: { customer: true, blockedBy: true },
      }),
    );
  }

  async unblock(user: AuthUser, shopId: string, customerId: string): Promise<void> {
    this.assertStaff(user, shopId);
    const { affected } = await this.blocks.delete({ shopId, customerId });
    if (!affected) throw new NotFoundException(`Customer ${customerId} is not blocked`);
  }

  /** Only the shop's owner and staff manage its blocked customers. */
  private assertStaff(user: AuthUser, shopId: string): void {
    if (user.shopId !== shopId) {
      throw new ForbiddenException("Only the shop's staff manage the customers it blocked");
    }
  }
}
