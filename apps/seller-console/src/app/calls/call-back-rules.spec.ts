import type { ShopContactDto } from '@callshop/contracts';
import { callBackOptions, contactIndex, isMissed } from './call-back-rules';

const contact = (id: string, phoneNumber: string | null): ShopContactDto => ({
  customer: { id, name: `Customer ${id}` },
  phoneNumber,
  lastContactAt: '2026-11-24T10:00:00Z',
  online: true,
});

describe('call-back rules', () => {
  const contacts = contactIndex([contact('c1', '+1 (555) 010-0101'), contact('c2', null)]);

  it('offers video and a tel: link for a customer who contacted the shop', () => {
    expect(callBackOptions('c1', contacts, { busy: false })).toEqual({
      contacted: true,
      video: true,
      phoneHref: 'tel:+15550100101',
      phoneNumber: '+1 (555) 010-0101',
      reason: null,
    });
  });

  it('offers no phone link when the customer left no number', () => {
    expect(callBackOptions('c2', contacts, { busy: false })).toMatchObject({ video: true, phoneHref: null });
  });

  it('offers nothing for a customer who never contacted the shop', () => {
    expect(callBackOptions('stranger', contacts, { busy: false })).toMatchObject({
      contacted: false,
      video: false,
      phoneHref: null,
      reason: 'Only customers who contacted your shop can be called back.',
    });
  });

  it('holds video back while this device is in a call, but keeps the phone', () => {
    expect(callBackOptions('c1', contacts, { busy: true })).toMatchObject({
      video: false,
      phoneHref: 'tel:+15550100101',
      reason: 'Finish the current call first.',
    });
  });

  it('counts unanswered incoming calls as missed', () => {
    expect(isMissed('missed', 'incoming')).toBe(true);
    expect(isMissed('cancelled', 'incoming')).toBe(true);
    expect(isMissed('missed', 'outgoing')).toBe(false);
    expect(isMissed('ended', 'incoming')).toBe(false);
  });
});
