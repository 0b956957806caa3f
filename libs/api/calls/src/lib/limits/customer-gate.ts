import { Injectable } from '@nestjs/common';
import { ShopBlocks } from '../blocking/shop-blocks.service';
import { CustomerLimits } from './customer-limits.service';

/**
 * What a customer's call or callback request passes before anything else is looked at, over
 * REST and the socket alike: their per-minute limits (every attempt counts, refused ones
 * too), then the shop's block list.
 */
@Injectable()
export class CustomerGate {
  constructor(
    private readonly limits: CustomerLimits,
    private readonly blocks: ShopBlocks,
  ) {}

  async call(customerId: string, shopId: string): Promise<void> {
    await this.limits.call(customerId, shopId);
    await this.blocks.assertMayContact(customerId, shopId);
  }

  async callback(customerId: string, shopId: string): Promise<void> {
    await this.limits.callback(customerId);
    await this.blocks.assertMayContact(customerId, shopId);
  }
}
