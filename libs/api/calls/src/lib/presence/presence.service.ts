import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { ShopPresence } from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import { rooms } from './rooms';

export interface ShopStaffStatus extends ShopPresence {
  /** Staff members with at least one connected socket that takes calls. */
  availableStaffIds: string[];
}

/** What the gateway keeps on each socket. */
export interface CallSocketData {
  user: AuthUser;
  available: boolean;
  rate: { windowStart: number; count: number };
}

/**
 * Who is connected, derived from Socket.io rooms with `fetchSockets()`, so it holds across
 * API instances when the Redis adapter is installed. Nothing is cached here.
 */
@Injectable()
export class PresenceService {
  private namespace: Namespace | null = null;

  /** Called by the gateway once its namespace exists. */
  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  async shopStatus(shopId: string): Promise<ShopStaffStatus> {
    if (!this.namespace) return { shopId, online: false, available: false, availableStaffIds: [] };
    const sockets = await this.namespace.in(rooms.shop(shopId)).fetchSockets();
    const available = new Set<string>();
    for (const s of sockets) {
      if (s.rooms.has(rooms.shopAvailable(shopId))) available.add((s.data as CallSocketData).user.id);
    }
    return {
      shopId,
      online: sockets.length > 0,
      available: available.size > 0,
      availableStaffIds: [...available],
    };
  }

  async shopPresence(shopId: string): Promise<ShopPresence> {
    const { online, available } = await this.shopStatus(shopId);
    return { shopId, online, available };
  }

  async isUserOnline(userId: string): Promise<boolean> {
    if (!this.namespace) return false;
    return (await this.namespace.in(rooms.user(userId)).fetchSockets()).length > 0;
  }

  /** Which of these users have a connected socket. */
  async onlineUsers(userIds: string[]): Promise<Set<string>> {
    if (!this.namespace || userIds.length === 0) return new Set();
    const sockets = await this.namespace.in(userIds.map(rooms.user)).fetchSockets();
    return new Set(sockets.map((s) => (s.data as CallSocketData).user.id));
  }

  /** True when `socketId` is a connected socket of `userId` (a device id named by a client). */
  async isSocketOf(socketId: string, userId: string): Promise<boolean> {
    if (!this.namespace) return false;
    const sockets = await this.namespace.in(socketId).fetchSockets();
    return sockets.some((s) => s.id === socketId && (s.data as CallSocketData).user.id === userId);
  }

  async isSocketConnected(socketId: string): Promise<boolean> {
    if (!this.namespace) return false;
    return (await this.namespace.in(socketId).fetchSockets()).length > 0;
  }
}
