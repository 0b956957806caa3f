import { Injectable, computed, inject, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { BlockedCustomerDto, CallParty } from '@callshop/contracts';
import { AuthSession, BlockedCustomersApi, describeError } from '@callshop/web/core';
import { firstValueFrom } from 'rxjs';
import { ConfirmBlockDialog } from './confirm-block.dialog';

/**
 * The shop's blocked callers: the list the console shows, and blocking (after a confirmation)
 * or unblocking a customer from any row that names them.
 */
@Injectable({ providedIn: 'root' })
export class BlockedCallersStore {
  private readonly api = inject(BlockedCustomersApi);
  private readonly session = inject(AuthSession);
  private readonly dialog = inject(MatDialog);
  private readonly listSignal = signal<BlockedCustomerDto[] | null>(null);
  private readonly ids = computed(() => new Set((this.listSignal() ?? []).map((b) => b.customer.id)));

  /** Null until loaded. */
  readonly list = this.listSignal.asReadonly();
  readonly error = signal<string | null>(null);
  /** The customer being blocked or unblocked. */
  readonly pending = signal<string | null>(null);

  isBlocked(customerId: string): boolean {
    return this.ids().has(customerId);
  }

  async load(): Promise<void> {
    const shopId = this.session.user()?.shopId;
    if (!shopId) return;
    try {
      this.listSignal.set(await firstValueFrom(this.api.list(shopId)));
      this.error.set(null);
    } catch (error) {
      this.error.set(describeError(error, 'The blocked callers could not be loaded.'));
    }
  }

  async block(customer: CallParty): Promise<void> {
    const shopId = this.session.user()?.shopId;
    if (!shopId || this.isBlocked(customer.id)) return;
    const ref = this.dialog.open(ConfirmBlockDialog, { data: { name: customer.name }, width: '28rem' });
    if ((await firstValueFrom(ref.afterClosed())) !== true) return;
    await this.run(
      customer.id,
      async () => {
        const blocked = await firstValueFrom(this.api.block(shopId, customer.id));
        this.listSignal.update((list) => [
          blocked,
          ...(list ?? []).filter((b) => b.customer.id !== customer.id),
        ]);
      },
      `${customer.name} could not be blocked.`,
    );
  }

  async unblock(customer: CallParty): Promise<void> {
    const shopId = this.session.user()?.shopId;
    if (!shopId) return;
    await this.run(
      customer.id,
      async () => {
        await firstValueFrom(this.api.unblock(shopId, customer.id));
        this.listSignal.update((list) => (list ?? []).filter((b) => b.customer.id !== customer.id));
      },
      `${customer.name} could not be unblocked.`,
    );
  }

  private async run(customerId: string, action: () => Promise<void>, failure: string): Promise<void> {
    this.pending.set(customerId);
    this.error.set(null);
    try {
      await action();
    } catch (error) {
      this.error.set(describeError(error, failure));
    } finally {
      this.pending.set(null);
    }
  }
}
