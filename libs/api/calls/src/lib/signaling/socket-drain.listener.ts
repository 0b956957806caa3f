import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InstanceDrainingEvent } from '@callshop/api/core';
import { CallsNamespace } from './calls-namespace';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sockets are moved in about this many steps, so the other instances are not hit all at once. */
const STEPS = 20;
const STEP_MS = 50;
/** How long the disconnect handlers (device lost, presence) get once the sockets are gone. */
const SETTLE_MS = 500;

/**
 * When this instance drains, its sockets are told to go elsewhere by closing their transport:
 * Socket.io clients take that as a lost connection and reconnect at once, through the
 * balancer, to an instance that is ready (a server-side `disconnect()` would tell them not to
 * come back). Each closed socket goes through the gateway's usual disconnect handling: its
 * live calls wait the reconnect grace, the other party is told, presence is updated, and the
 * device resumes its call on the new instance with `call:resume`.
 */
@Injectable()
export class SocketDrain {
  private readonly logger = new Logger('SocketDrain');

  constructor(private readonly calls: CallsNamespace) {}

  @OnEvent(InstanceDrainingEvent.NAME, { promisify: true })
  async moveSockets(): Promise<void> {
    const server = this.calls.server;
    if (!server) return;
    const sockets = [...server.sockets.values()];
    const step = Math.max(50, Math.ceil(sockets.length / STEPS));
    for (let i = 0; i < sockets.length; i += step) {
      for (const socket of sockets.slice(i, i + step)) socket.conn.close();
      await sleep(STEP_MS);
    }
    const deadline = Date.now() + 5000;
    while (server.sockets.size > 0 && Date.now() < deadline) await sleep(STEP_MS);
    await sleep(SETTLE_MS);
    this.logger.log(`Moved ${sockets.length} sockets to other instances`);
  }
}
