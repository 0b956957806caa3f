import type { Page, PageQuery } from './common';

/** What a customer sees of a shop next to a product. */
export interface ShopSummary {
  id: string;
  name: string;
  /** Operated by the platform itself: its buttons say "Support" instead of "Seller". */
  isPlatform: boolean;
}

export interface ShopDto extends ShopSummary {
  description: string;
  /** Present only for authenticated users. */
  phoneNumber?: string | null;
  productCount: number;
  createdAt: string;
}

export interface ProductDto {
  id: string;
  name: string;
  description: string;
  /** Integer minor units (cents). */
  price: number;
  currency: string;
  stock: number;
  category: string | null;
  images: string[];
  shop: ShopSummary;
  createdAt: string;
  updatedAt: string;
}

/** What a call or callback shows of the product it is about. */
export interface ProductSummary {
  id: string;
  name: string;
  price: number;
  currency: string;
  image: string | null;
}

export interface ProductQuery extends PageQuery {
  search?: string;
  shopId?: string;
  category?: string;
}

export type ProductPage = Page<ProductDto>;

export interface CreateProductRequest {
  name: string;
  description: string;
  price: number;
  currency?: string;
  stock: number;
  category?: string;
  images?: string[];
}

export type UpdateProductRequest = Partial<CreateProductRequest>;

export const PRODUCT_LIMITS = {
  nameMax: 200,
  descriptionMax: 5000,
  categoryMax: 60,
  imagesMax: 10,
  priceMax: 100_000_000,
  stockMax: 1_000_000,
  pageSizeMax: 100,
  defaultPageSize: 20,
} as const;
