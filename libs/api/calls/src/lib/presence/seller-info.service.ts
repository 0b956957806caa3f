import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ProductSellerDto, SellerInfoDto } from '@callshop/contracts';
import { Shop } from '@callshop/api/auth';
import { ProductsService, toProductSummary, toShopSummary } from '@callshop/api/products';
import { PresenceService } from './presence.service';

/**
 * The seed's read routes: a shop (the seed's "seller") as a customer about to call sees it,
 * with its live presence and, for signed-in users only, its phone number.
 */
@Injectable()
export class SellerInfoService {
  constructor(
    @InjectRepository(Shop) private readonly shops: Repository<Shop>,
    private readonly products: ProductsService,
    private readonly presence: PresenceService,
  ) {}

  async shop(shopId: string, showPhone: boolean): Promise<SellerInfoDto> {
    const shop = await this.shops.findOneBy({ id: shopId });
    if (!shop) throw new NotFoundException(`Shop ${shopId} not found`);
    return this.toSellerInfo(shop, showPhone);
  }

  async productAndShop(productId: string, showPhone: boolean): Promise<ProductSellerDto> {
    const product = await this.products.findOrFail(productId);
    return {
      product: { ...toProductSummary(product), description: product.description, stock: product.stock },
      seller: await this.toSellerInfo(product.shop, showPhone),
    };
  }

  private async toSellerInfo(shop: Shop, showPhone: boolean): Promise<SellerInfoDto> {
    const presence = await this.presence.shopPresence(shop.id);
    return {
      ...toShopSummary(shop),
      description: shop.description,
      phoneNumber: showPhone ? shop.phoneNumber : null,
      online: presence.online,
      available: presence.available,
    };
  }
}
