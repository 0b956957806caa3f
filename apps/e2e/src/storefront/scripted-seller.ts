import { io, type Socket } from 'socket.io-client';
import type { CallDto, CallServerEvents, CallClientEvents } from '@callshop/contracts';
import { apiLogin, baseUrl } from '../support/browser';

type SellerSocket = Socket<CallServerEvents, CallClientEvents>;

/**
 * A seller driven by a script over the real signaling protocol (Socket.io), for storefront
 * tests that need someone on the other end without a second browser.
 */
export class ScriptedSeller {
  readonly incoming: CallDto[] = [];
  private waiters: ((call: CallDto) => void)[] = [];

  private constructor(
    readonly socket: SellerSocket,
    readonly shopId: string,
  ) {
    socket.on('call:incoming', ({ call }) => {
      this.incoming.push(call);
      this.waiters.splice(0).forEach((w) => w(call));
    });
  }

  static async connect(email: string): Promise<ScriptedSeller> {
    const { accessToken, user } = await apiLogin(email);
    const socket: SellerSocket = io(`${baseUrl()}/calls`, {
      path: '/socket.io',
      auth: { token: accessToken },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const seller = new ScriptedSeller(socket, user.shopId as string);
    await seller.setAvailable(true);
    return seller;
  }

  async setAvailable(available: boolean): Promise<void> {
    const ack = await this.socket.timeout(5000).emitWithAck('presence:set-available', { available });
    if (!ack.ok) throw new Error(`presence:set-available refused: ${ack.error.message}`);
  }

  /** The next call that rings this seller. */
  nextCall(timeoutMs = 15_000): Promise<CallDto> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no call rang the scripted seller')), timeoutMs);
      this.waiters.push((call) => {
        clearTimeout(timer);
        resolve(call);
      });
    });
  }

  async decline(callId: string): Promise<void> {
    const ack = await this.socket.timeout(5000).emitWithAck('call:decline', { callId });
    if (!ack.ok) throw new Error(`call:decline refused: ${ack.error.message}`);
  }

  disconnect(): void {
    this.socket.disconnect();
  }
}
