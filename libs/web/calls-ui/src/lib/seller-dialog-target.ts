import type { MatDialog } from '@angular/material/dialog';
import type { CallDto } from '@callshop/contracts';
import type { CallSellerDialogData } from './call-seller-dialog.component';
import type { PlaceCallRequest } from './call-state-machine';

/**
 * The shop a customer's call tried to reach, with the call's product, for the "Call Seller"
 * dialog (the phone, a callback request); null when there is no shop to fall back to.
 */
export function sellerDialogTarget(
  call: CallDto | null,
  request: PlaceCallRequest | null,
): CallSellerDialogData | null {
  const sellerId = call?.shop.id ?? request?.sellerId;
  if (!sellerId) return null;
  return {
    sellerId,
    shopName: call?.shop.name ?? request?.displayName ?? 'the seller',
    isPlatform: call?.shop.isPlatform ?? false,
    productId: call?.product?.id ?? request?.productId,
    productName: call?.product?.name,
  };
}

/**
 * Opens the "Call Seller" dialog, with the callback form showing for `callback`. The dialog
 * (forms, inputs) is loaded on first use to keep it out of the initial bundle.
 */
export async function openSellerDialog(
  dialog: MatDialog,
  target: CallSellerDialogData,
  mode: 'options' | 'callback',
): Promise<void> {
  const { CallSellerDialogComponent } = await import('./call-seller-dialog.component');
  dialog.open(CallSellerDialogComponent, {
    data: { ...target, mode, videoUnavailable: mode === 'callback' },
    width: '520px',
    maxWidth: '95vw',
    autoFocus: 'first-tabbable',
  });
}
