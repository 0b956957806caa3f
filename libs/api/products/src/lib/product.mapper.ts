import type { ProductDto, ProductSummary, ShopDto, ShopSummary } from '@callshop/contracts';
import type { Shop } from '@callshop/api/auth';
import type { Product } from './product.entity';

export function toShopSummary(shop: Shop): ShopSummary {
  return { id: shop.id, name: shop.name, isPlatform: shop.isPlatform };
}

export function toShopDto(shop: Shop, productCount: number, showPhone: boolean): ShopDto {
  return {
    ...toShopSummary(shop),
    description: shop.description,
    ...(showPhone ? { phoneNumber: shop.phoneNumber } : {}),
    productCount,
    createdAt: shop.createdAt.toISOString(),
  };
}

export function toProductDto(product: Product): ProductDto {
  return {
    id: product.id,
    name: product.name,
    description: product.description,
    price: product.price,
    currency: product.currency,
    stock: product.stock,
    category: product.category,
    images: product.images ?? [],
    shop: toShopSummary(product.shop),
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

export function toProductSummary(
  product: Pick<Product, 'id' | 'name' | 'price' | 'currency' | 'images'>,
): ProductSummary {
  return {
    id: product.id,
    name: product.name,
    price: product.price,
    currency: product.currency,
    image: product.images?.[0] ?? null,
  };
}
