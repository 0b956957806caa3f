/**
 * Messages exchanged inside a call: text chat and the product cards a shop sends, both kept
 * with the call (`call_messages`) and shown in its history on both sides.
 */

/** A text message, or a product card the shop sent into the call. */
export type CallMessageKind = 'text' | 'product';

/** Which party sent a message: the customer, or the shop (its staff member in the call). */
export type CallMessageSender = 'customer' | 'shop';

/** The product as it was when the card was sent (name, price and stock at that moment). */
export interface CallProductCard {
  id: string;
  name: string;
  /** Integer minor units (cents). */
  price: number;
  currency: string;
  image: string | null;
  stock: number;
}

export interface CallMessageDto {
  id: string;
  callId: string;
  kind: CallMessageKind;
  sender: CallMessageSender;
  /** Name of the person who sent it (the customer, or the staff member). */
  senderName: string;
  /** The id the sending device gave the message, so a resend after a reconnect is not stored twice. */
  clientId: string;
  /** For `text`: what was written (plain text; links are made clickable by the client). */
  text: string | null;
  /** For `product`: the card. */
  product: CallProductCard | null;
  createdAt: string;
}

export const CALL_CHAT_LIMITS = {
  /** Longest text message, in characters (code points), after trimming. */
  textMax: 1000,
  /** Messages (text and cards together) one user may send within `windowSeconds`. */
  messagesPerWindow: 10,
  windowSeconds: 10,
  /** Messages one call keeps at most; the next is refused. */
  perCall: 2000,
} as const;

/** `call:message`: a text message into a live call. */
export interface CallTextPayload {
  callId: string;
  /** A UUID made by the sending device; sending it again returns the stored message. */
  clientId: string;
  text: string;
}

/** `call:product`: the shop's staff member sends one of the shop's products into the call. */
export interface CallProductPayload {
  callId: string;
  clientId: string;
  productId: string;
}
