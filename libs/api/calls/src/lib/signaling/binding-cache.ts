import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { appConfig } from '@callshop/api/core';
import { CallsRepository, type CallBinding } from '../data/calls.repository';
import { CallsNamespace } from './calls-namespace';

const TTL_MS = 10_000;
const MAX_ENTRIES = 50_000;
/** Told to every other instance when a call's binding changes here. */
const BINDING_CHANGED = 'calls:binding-changed';

/**
 * Parties and bound devices of accepted calls that local sockets signal in, so a relayed
 * signal does not read PostgreSQL each time. An entry is dropped whenever the binding changes
 * (answer, resume, device lost, end) on this instance, on a message from another instance,
 * and after `TTL_MS` at the latest.
 */
@Injectable()
export class BindingCache {
  private readonly entries = new Map<string, { binding: CallBinding; expires: number }>();

  constructor(
    private readonly repo: CallsRepository,
    private readonly calls: CallsNamespace,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  /** Listens for other instances' changes (only with several instances, through Redis). */
  listen(): void {
    if (!this.app.redisUrl) return;
    this.calls.server?.on(BINDING_CHANGED, (callId: unknown) => {
      if (typeof callId === 'string') this.entries.delete(callId);
    });
  }

  async get(callId: string): Promise<CallBinding | null> {
    const cached = this.entries.get(callId);
    if (cached && cached.expires > Date.now()) return cached.binding;
    const binding = await this.repo.findBinding(callId);
    this.remember(callId, binding);
    return binding;
  }

  /** Keeps the binding of an accepted call with both devices bound; forgets anything else. */
  remember(callId: string, binding: CallBinding | null): void {
    if (binding?.status === 'accepted' && binding.callerDeviceId && binding.calleeDeviceId) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(callId, { binding, expires: Date.now() + TTL_MS });
    } else {
      this.entries.delete(callId);
    }
  }

  /** Drops a call's binding here and on every other instance. */
  forget(callId: string): void {
    this.entries.delete(callId);
    if (this.app.redisUrl) this.calls.server?.serverSideEmit(BINDING_CHANGED, callId);
  }
}
