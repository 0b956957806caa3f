import { callbackStatusLabel } from './call-labels';

describe('call labels', () => {
  it('names callback states', () => {
    expect(callbackStatusLabel('open')).toBe('Waiting for the seller');
    expect(callbackStatusLabel('called_back')).toBe('Called back');
    // Marked done without a call: the customer is not told they were called back.
    expect(callbackStatusLabel('done')).toBe('Closed by the shop');
  });
});
