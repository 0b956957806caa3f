import { CALL_STATUSES, CALL_TRANSITIONS } from '@callshop/contracts';
import { allowedFrom, isFinal, isLive, participation, type CallParties } from './call-state';

describe('call state machine', () => {
  it('allows each change only from the statuses CALL_TRANSITIONS lists', () => {
    expect(allowedFrom('accepted')).toEqual(['ringing']);
    expect(allowedFrom('ended')).toEqual(['accepted']);
    expect(allowedFrom('failed')).toEqual(['ringing', 'accepted']);
    expect(allowedFrom('missed')).toEqual(['ringing']);
    expect(allowedFrom('ringing')).toEqual([]);
    expect(allowedFrom('busy')).toEqual([]);
  });

  it('narrows, never widens, the allowed statuses', () => {
    expect(allowedFrom('failed', ['accepted'])).toEqual(['accepted']);
    expect(allowedFrom('ended', ['ringing'])).toEqual([]);
  });

  it('has no way out of a final status', () => {
    for (const status of CALL_STATUSES.filter(isFinal)) {
      expect(CALL_TRANSITIONS[status]).toEqual([]);
      expect(CALL_STATUSES.some((to) => allowedFrom(to).includes(status))).toBe(false);
    }
    expect(CALL_STATUSES.filter(isLive)).toEqual(['ringing', 'accepted']);
  });
});

describe('participation', () => {
  const byCustomer: CallParties = { customerId: 'c1', shopId: 's1', staffId: null, initiatedBy: 'customer' };
  const customer = { id: 'c1', role: 'customer' as const, name: 'C' };
  const seller = { id: 'u1', role: 'seller' as const, name: 'S', shopId: 's1' };
  const colleague = { id: 'u2', role: 'seller' as const, name: 'T', shopId: 's1' };

  it('puts the customer and the shop on their sides', () => {
    expect(participation(byCustomer, customer)).toEqual({ side: 'caller', holder: true });
    expect(participation(byCustomer, seller)).toEqual({ side: 'callee', holder: true });
    const byShop: CallParties = { ...byCustomer, initiatedBy: 'shop', staffId: 'u1' };
    expect(participation(byShop, customer)).toEqual({ side: 'callee', holder: true });
    expect(participation(byShop, seller)).toEqual({ side: 'caller', holder: true });
  });

  it('lets colleagues see but not hold a call another staff member took', () => {
    expect(participation({ ...byCustomer, staffId: 'u1' }, colleague)).toEqual({
      side: 'callee',
      holder: false,
    });
  });

  it('knows nothing of strangers', () => {
    expect(participation(byCustomer, { ...customer, id: 'c2' })).toBeNull();
    expect(participation(byCustomer, { ...seller, shopId: 's2' })).toBeNull();
    expect(participation(byCustomer, { id: 'x', role: 'seller', name: 'no shop' })).toBeNull();
  });
});
