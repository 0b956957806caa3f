import { Injectable } from '@nestjs/common';
import type { ShopPresence } from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';
import { CallsNamespace, type CallSocket } from '../signaling/calls-namespace';
import { rooms } from './rooms';

export interface ShopStaffStatus extends ShopPresence {
  /** Staff members with at least one connected socket that takes calls. */
  availableStaffIds: string[];
}

/**
 * Who is connected and who takes calls, kept in Socket.io rooms and read with
 * `fetchSockets()`, so it holds across API instances with the Redis adapter. Nothing is
 * cached here.
 */
@Injectable()
export class PresenceService {
  constructor(private readonly calls: CallsNamespace) {}

  /**
   * A socket joins its rooms. A seller's availability is per user and lives in the rooms of
   * their connected sockets (on every instance): a new device follows the choice made on the
   * others; a first one starts available. Returns whether the user had other devices.
   */
  async join(socket: CallSocket, user: AuthUser): Promise<{ hadOtherDevices: boolean }> {
    const server = this.calls.server;
    const others = server ? await server.in(rooms.user(user.id)).fetchSockets() : [];
    socket.join(rooms.user(user.id));
    if (user.shopId) {
      const available = others.length
        ? others.some((s) => s.rooms.has(rooms.shopAvailable(user.shopId!)))
        : true;
      socket.data.available = available;
      socket.join(rooms.shop(user.shopId));
      if (available) socket.join(rooms.shopAvailable(user.shopId));
    }
    return { hadOtherDevices: others.length > 0 };
  }

  /** A seller takes calls or not, on all their devices (on every instance, through the adapter). */
  async setAvailable(user: AuthUser & { shopId: string }, available: boolean): Promise<void> {
    const server = this.calls.server;
    if (!server) return;
    const devices = server.in(rooms.user(user.id));
    if (available) devices.socketsJoin(rooms.shopAvailable(user.shopId));
    else devices.socketsLeave(rooms.shopAvailable(user.shopId));
    for (const s of await server.in(rooms.user(user.id)).local.fetchSockets()) s.data.available = available;
  }

  async shopStatus(shopId: string): Promise<ShopStaffStatus> {
    const server = this.calls.server;
    if (!server) return { shopId, online: false, available: false, availableStaffIds: [] };
    const sockets = await server.in(rooms.shop(shopId)).fetchSockets();
    const available = new Set<string>();
    for (const s of sockets) {
      if (s.rooms.has(rooms.shopAvailable(shopId))) available.add(s.data.user.id);
    }
    return {
      shopId,
      online: sockets.length > 0,
      available: available.size > 0,
      availableStaffIds: [...available],
    };
  }

  /** Several shops' status with one `fetchSockets()` (one round trip through the adapter). */
  async shopsPresence(shopIds: string[]): Promise<ShopPresence[]> {
    const server = this.calls.server;
    const sockets = server && shopIds.length ? await server.in(shopIds.map(rooms.shop)).fetchSockets() : [];
    return shopIds.map((shopId) => {
      const staff = sockets.filter((s) => s.rooms.has(rooms.shop(shopId)));
      return {
        shopId,
        online: staff.length > 0,
        available: staff.some((s) => s.rooms.has(rooms.shopAvailable(shopId))),
      };
    });
  }

  async shopPresence(shopId: string): Promise<ShopPresence> {
    const { online, available } = await this.shopStatus(shopId);
    return { shopId, online, available };
  }

  async isUserOnline(userId: string): Promise<boolean> {
    const server = this.calls.server;
    return !!server && (await server.in(rooms.user(userId)).fetchSockets()).length > 0;
  }

  /** Which of these users have a connected socket. */
  async onlineUsers(userIds: string[]): Promise<Set<string>> {
    const server = this.calls.server;
    if (!server || userIds.length === 0) return new Set();
    const sockets = await server.in(userIds.map(rooms.user)).fetchSockets();
    return new Set(sockets.map((s) => s.data.user.id));
  }

  /** True when `socketId` is a connected socket of `userId` (a device id named by a client). */
  async isSocketOf(socketId: string, userId: string): Promise<boolean> {
    const server = this.calls.server;
    if (!server) return false;
    const sockets = await server.in(socketId).fetchSockets();
    return sockets.some((s) => s.id === socketId && s.data.user.id === userId);
  }

  async isSocketConnected(socketId: string): Promise<boolean> {
    const server = this.calls.server;
    return !!server && (await server.in(socketId).fetchSockets()).length > 0;
  }
}
