import type { Money, Page, PageQuery } from './common';
import type { ShopSummary } from './products';

/** One product in a cart, with what the shopper needs to decide (price and stock now). */
export interface CartLineDto {
  productId: string;
  name: string;
  /** Integer minor units (cents), the product's current price. */
  price: number;
  currency: string;
  image: string | null;
  /** Units in stock now. */
  stock: number;
  quantity: number;
  /** False when the product has been removed from sale: it cannot be checked out. */
  available: boolean;
  shop: ShopSummary;
}

/** The signed-in customer's cart. Totals are per currency (shops may price in different ones). */
export interface CartDto {
  items: CartLineDto[];
  /** Units in the cart (the header badge). */
  count: number;
  totals: Money[];
}

export interface AddToCartRequest {
  productId: string;
  /** Added to what is already in the cart; 1 when omitted. */
  quantity?: number;
}

export interface SetCartQuantityRequest {
  quantity: number;
}

/** A cart line as a browser keeps it before sign-in. */
export interface GuestCartItem {
  productId: string;
  quantity: number;
}

export interface MergeCartRequest {
  items: GuestCartItem[];
}

/** Ways to pay. Only cash on delivery today; a card provider adds its method here. */
export type PaymentMethod = 'cash_on_delivery';
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash_on_delivery'] as const;

/** `due`: to be collected (cash on delivery); `paid`: collected; `void`: the order was cancelled unpaid. */
export type PaymentStatus = 'due' | 'paid' | 'void';

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, e.g. "US". */
  country: string;
  phone?: string | null;
}

export interface CheckoutRequest {
  shippingAddress: ShippingAddress;
  paymentMethod: PaymentMethod;
}

/**
 * An order's life. `placed` is where checkout leaves it; the shop confirms, ships and marks
 * it delivered. Cancelling returns the stock.
 */
export type OrderStatus = 'placed' | 'confirmed' | 'shipped' | 'delivered' | 'cancelled';
export const ORDER_STATUSES: readonly OrderStatus[] = [
  'placed',
  'confirmed',
  'shipped',
  'delivered',
  'cancelled',
] as const;

/** The only legal status changes; the server applies each with one conditional UPDATE. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  placed: ['confirmed', 'cancelled'],
  confirmed: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** What a customer may do to their own order: cancel it before the shop has confirmed it. */
export const CUSTOMER_ORDER_TRANSITIONS: Readonly<Partial<Record<OrderStatus, readonly OrderStatus[]>>> = {
  placed: ['cancelled'],
};

export interface OrderItemDto {
  /** Null once the product no longer exists; the line keeps the name and price paid. */
  productId: string | null;
  name: string;
  price: number;
  currency: string;
  image: string | null;
  quantity: number;
}

export interface OrderCustomer {
  id: string;
  name: string;
}

export interface OrderDto {
  id: string;
  status: OrderStatus;
  shop: ShopSummary;
  customer: OrderCustomer;
  items: OrderItemDto[];
  total: Money;
  shippingAddress: ShippingAddress;
  paymentMethod: PaymentMethod;
  paymentStatus: PaymentStatus;
  /** The connected call with this shop that led to the order (see `ORDER_ASSIST_WINDOW_HOURS`). */
  assistedBy: OrderAssist | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * An order placed while, or within this many hours after, a connected call between the customer
 * and the shop is assisted by that call (the most recent one).
 */
export const ORDER_ASSIST_WINDOW_HOURS = 24;

/** The call an order is assisted by. */
export interface OrderAssist {
  callId: string;
  /** When the call connected (media flowed both ways). */
  connectedAt: string;
}

/** One checkout gives one order per shop (and currency). */
export interface CheckoutResponse {
  orders: OrderDto[];
}

export interface OrderQuery extends PageQuery {
  status?: OrderStatus;
}

export type OrderPage = Page<OrderDto>;

export interface UpdateOrderStatusRequest {
  status: OrderStatus;
}

export const CART_LIMITS = {
  /** Units of one product in one cart. */
  quantityMax: 99,
  /** Different products in one cart. */
  linesMax: 50,
} as const;

/** The words both apps show for an order's status. */
export const ORDER_STATUS_LABELS: Readonly<Record<OrderStatus, string>> = {
  placed: 'Placed',
  confirmed: 'Confirmed',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

/** Why a quantity cannot be had: the API's 409 and the guest cart say it the same way. */
export function stockMessage(name: string, stock: number): string {
  return stock <= 0 ? `"${name}" is sold out` : `Only ${stock} of "${name}" left in stock`;
}

/** Sums `price × quantity` per currency, in the order the currencies first appear. */
export function totalsByCurrency(lines: { price: number; currency: string; quantity: number }[]): Money[] {
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.currency, (totals.get(l.currency) ?? 0) + l.price * l.quantity);
  return [...totals].map(([currency, amount]) => ({ amount, currency }));
}
