import { callStatusLabel, callbackStatusLabel } from './call-labels';

describe('call labels', () => {
  it('tells an offline seller from an unanswered call', () => {
    expect(callStatusLabel('missed', 'offline')).toBe('Seller offline');
    expect(callStatusLabel('missed', 'timeout')).toBe('No answer');
    expect(callStatusLabel('failed', 'connection_lost')).toBe('Connection lost');
    expect(callStatusLabel('ended', 'hangup')).toBe('Completed');
  });

  it('names callback states', () => {
    expect(callbackStatusLabel('open')).toBe('Waiting for the seller');
    expect(callbackStatusLabel('done')).toBe('Called back');
  });
});
