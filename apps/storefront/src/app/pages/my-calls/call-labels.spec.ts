import { callbackStatusLabel } from './call-labels';

describe('call labels', () => {
  it('names callback states', () => {
    expect(callbackStatusLabel('open')).toBe('Waiting for the seller');
    expect(callbackStatusLabel('done')).toBe('Called back');
  });
});
