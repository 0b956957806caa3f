import { ORDER_TRANSITIONS, type OrderStatus } from '@callshop/contracts';

/** What the button that moves an order to `status` says. */
const ACTION_LABELS: Readonly<Record<OrderStatus, string>> = {
  placed: 'Placed',
  confirmed: 'Confirm',
  shipped: 'Mark shipped',
  delivered: 'Mark delivered',
  cancelled: 'Cancel order',
};

/** The buttons an order in `status` offers, the way forward first and cancelling last. */
export function orderActions(status: OrderStatus): { status: OrderStatus; label: string }[] {
  return [...ORDER_TRANSITIONS[status]]
    .sort((a, b) => Number(a === 'cancelled') - Number(b === 'cancelled'))
    .map((to) => ({ status: to, label: ACTION_LABELS[to] }));
}
