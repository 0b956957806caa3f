import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { callsConfig } from '@callshop/api/core';
import { rooms } from '../presence/rooms';
import type { CallNamespace, CallSocket } from '../signaling/calls-namespace';

/** The start of the `connect_error` message a customer over their socket limit gets. */
export const TOO_MANY_SOCKETS = 'Too many connections';

/**
 * At most `CUSTOMER_MAX_SOCKETS` sockets per customer: one more is refused at the handshake
 * (`connect_error` "Too many connections: ...", with `data: { code: 'RATE_LIMITED', message }`)
 * rather than disconnecting the oldest, which may be the device holding a live call. The
 * count is the customer's sockets on every instance (`fetchSockets()` on their room, across
 * instances with the Redis adapter) and those this instance has let in but not yet put in
 * that room. Staff are not limited: a shop may ring on many devices.
 */
@Injectable()
export class CustomerSockets {
  private readonly logger = new Logger('CustomerSockets');
  /** Sockets admitted on this instance, per customer, until they disconnect. */
  private readonly admitted = new Map<string, Set<string>>();

  constructor(@Inject(callsConfig.KEY) private readonly config: ConfigType<typeof callsConfig>) {}

  /** The namespace middleware, after the one that authenticates the handshake. */
  middleware(namespace: CallNamespace) {
    return (socket: CallSocket, next: (err?: Error) => void): void => {
      const user = socket.data?.user;
      if (!user || user.role !== 'customer') return next();
      void this.admit(namespace, socket, user.id).then(next);
    };
  }

  private async admit(
    namespace: CallNamespace,
    socket: CallSocket,
    userId: string,
  ): Promise<Error | undefined> {
    const mine = this.admitted.get(userId) ?? new Set<string>();
    this.admitted.set(userId, mine);
    // Reserved before asking the other instances, so sockets arriving together count each other.
    mine.add(socket.id);
    const sockets = new Set(mine);
    try {
      for (const s of await namespace.in(rooms.user(userId)).fetchSockets()) sockets.add(s.id);
    } catch (e) {
      // Other instances did not answer: count this instance's sockets only rather than lock the customer out.
      this.logger.warn(`Counting the sockets of ${userId} across instances failed: ${(e as Error).message}`);
    }
    const max = this.config.limits.maxSockets;
    if (sockets.size > max) {
      this.release(userId, socket.id);
      const message = `${TOO_MANY_SOCKETS}: you are connected from ${max} tabs or devices already. Close one and try again.`;
      return Object.assign(new Error(message), { data: { code: 'RATE_LIMITED', message } });
    }
    socket.once('disconnect', () => this.release(userId, socket.id));
    return undefined;
  }

  private release(userId: string, socketId: string): void {
    const mine = this.admitted.get(userId);
    mine?.delete(socketId);
    if (mine && !mine.size) this.admitted.delete(userId);
  }
}
