import { CALL_STATUSES, CALL_TRANSITIONS } from '@callshop/contracts';
import {
  allowedFrom,
  isFinalStatus,
  isLiveStatus,
  ON_ENTER,
  participation,
  validateCallStateMachine,
  type CallParties,
} from './call-state';

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
    for (const status of CALL_STATUSES.filter(isFinalStatus)) {
      expect(CALL_TRANSITIONS[status]).toEqual([]);
      expect(CALL_STATUSES.some((to) => allowedFrom(to).includes(status))).toBe(false);
    }
    expect(CALL_STATUSES.filter(isLiveStatus)).toEqual(['ringing', 'accepted']);
  });
});

describe('effects of entering a status', () => {
  it('answers on accept, ends on every final status, and agrees with the transitions table', () => {
    expect(() => validateCallStateMachine()).not.toThrow();
    expect(ON_ENTER.accepted).toEqual({ answered: true, ended: false });
    expect(ON_ENTER.ringing).toEqual({ answered: false, ended: false });
    for (const status of CALL_STATUSES.filter(isFinalStatus)) {
      expect(ON_ENTER[status]).toEqual({ answered: false, ended: true });
    }
  });

  it('catches a table that lets a final status change', () => {
    const table = CALL_TRANSITIONS as unknown as Record<string, readonly string[]>;
    const saved = table['ended'];
    table['ended'] = ['accepted'];
    try {
      expect(() => validateCallStateMachine()).toThrow(/Final status ended has transitions/);
    } finally {
      table['ended'] = saved;
    }
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
