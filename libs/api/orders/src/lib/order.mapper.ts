import { totalsByCurrency, type CartDto, type CartLineDto, type OrderDto } from '@callshop/contracts';
import { toShopSummary } from '@callshop/api/products';
import type { CartItem } from './cart-item.entity';
import type { Order } from './order.entity';

/** A cart line; `product` must be loaded with deleted rows (a removed product shows as unavailable). */
export function toCartLine(item: CartItem & { product: NonNullable<CartItem['product']> }): CartLineDto {
  const p = item.product;
  return {
    productId: p.id,
    name: p.name,
    price: p.price,
    currency: p.currency,
    image: p.images?.[0] ?? null,
    stock: p.stock,
    quantity: item.quantity,
    available: !p.deletedAt,
    shop: toShopSummary(p.shop),
  };
}

export function toCartDto(lines: CartLineDto[]): CartDto {
  const available = lines.filter((l) => l.available);
  return {
    items: lines,
    count: available.reduce((n, l) => n + l.quantity, 0),
    totals: totalsByCurrency(available),
  };
}

/** `order` with `shop`, `customer` and `items` loaded. */
export function toOrderDto(order: Order): OrderDto {
  if (!order.shop || !order.customer) throw new Error(`order ${order.id} loaded without shop or customer`);
  return {
    id: order.id,
    status: order.status,
    shop: toShopSummary(order.shop),
    customer: { id: order.customer.id, name: order.customer.name },
    items: [...(order.items ?? [])]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((i) => ({
        productId: i.productId,
        name: i.name,
        price: i.price,
        currency: i.currency,
        image: i.image,
        quantity: i.quantity,
      })),
    total: { amount: order.total, currency: order.currency },
    shippingAddress: order.shippingAddress,
    paymentMethod: order.paymentMethod,
    paymentStatus: order.paymentStatus,
    assistedBy:
      order.assistedByCallId && order.assistedByCall?.connectedAt
        ? { callId: order.assistedByCallId, connectedAt: order.assistedByCall.connectedAt.toISOString() }
        : null,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
