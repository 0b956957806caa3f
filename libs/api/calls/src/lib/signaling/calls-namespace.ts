import { Injectable } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import type { CallClientEvents, CallServerEvents } from '@callshop/contracts';
import type { AuthUser } from '@callshop/api/auth';

/** What the gateway keeps on each socket. */
export interface CallSocketData {
  user: AuthUser;
  available: boolean;
  rate: { windowStart: number; count: number };
}

export type CallSocket = Socket<CallClientEvents, CallServerEvents, Record<string, never>, CallSocketData>;
export type CallNamespace = Namespace<
  CallClientEvents,
  CallServerEvents,
  Record<string, never>,
  CallSocketData
>;

/**
 * The `/calls` Socket.io namespace, for the classes that push to rooms or ask who is
 * connected. The gateway attaches it once the server exists; until then nobody is online.
 */
@Injectable()
export class CallsNamespace {
  private namespace: CallNamespace | null = null;

  attach(namespace: CallNamespace): void {
    this.namespace = namespace;
  }

  get server(): CallNamespace | null {
    return this.namespace;
  }
}
