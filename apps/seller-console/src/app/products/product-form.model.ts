import type { CreateProductRequest, ProductDto } from '@callshop/contracts';

/** The product form's values as the inputs hold them (price in currency units, images one per line). */
export interface ProductFormValue {
  name: string;
  description: string;
  price: string;
  currency: string;
  stock: string;
  category: string;
  images: string;
}

/** Form controls that the API's field names map onto one to one. */
export const PRODUCT_FORM_FIELDS = [
  'name',
  'description',
  'price',
  'currency',
  'stock',
  'category',
  'images',
] as const;

/**
 * "12.5" → 1250 cents. Returns NaN for text that is not a plain amount, so validation (client
 * or server) reports it instead of silently saving a wrong price.
 */
export function toMinorUnits(amount: string): number {
  const trimmed = amount.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return Number.NaN;
  const [whole, fraction = ''] = trimmed.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** 1250 → "12.50". */
export function fromMinorUnits(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** The request body for create / update. */
export function toProductRequest(value: ProductFormValue): CreateProductRequest {
  const images = value.images
    .split(/\s*\n\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    name: value.name.trim(),
    description: value.description.trim(),
    price: toMinorUnits(value.price),
    currency: value.currency.trim().toUpperCase() || undefined,
    stock: value.stock.trim() === '' ? Number.NaN : Number(value.stock),
    category: value.category.trim() || undefined,
    images,
  };
}

/** The form's starting values for an existing product. */
export function toFormValue(product: ProductDto | null): ProductFormValue {
  return {
    name: product?.name ?? '',
    description: product?.description ?? '',
    price: product ? fromMinorUnits(product.price) : '',
    currency: product?.currency ?? 'USD',
    stock: product ? String(product.stock) : '0',
    category: product?.category ?? '',
    images: product?.images.join('\n') ?? '',
  };
}
