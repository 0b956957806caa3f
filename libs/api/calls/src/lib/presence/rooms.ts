/** Socket.io room names. Every push goes to a room, never to every socket. */
export const rooms = {
  /** Every socket of one user (all their tabs and devices). */
  user: (userId: string) => `user:${userId}`,
  /** Every socket of every staff member of a shop. */
  shop: (shopId: string) => `shop:${shopId}`,
  /** The shop's staff sockets that take calls right now: these ring. */
  shopAvailable: (shopId: string) => `shop-available:${shopId}`,
  /** Sockets watching a shop's presence (product pages). */
  presence: (shopId: string) => `presence:${shopId}`,
} as const;
