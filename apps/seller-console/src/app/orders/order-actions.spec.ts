import { orderActions } from './order-actions';

describe('orderActions', () => {
  it('offers the next step first and cancelling last, and nothing on a final status', () => {
    expect(orderActions('placed')).toEqual([
      { status: 'confirmed', label: 'Confirm' },
      { status: 'cancelled', label: 'Cancel order' },
    ]);
    expect(orderActions('confirmed').map((a) => a.label)).toEqual(['Mark shipped', 'Cancel order']);
    expect(orderActions('shipped').map((a) => a.label)).toEqual(['Mark delivered']);
    expect(orderActions('delivered')).toEqual([]);
    expect(orderActions('cancelled')).toEqual([]);
  });
});
