import { decideNewCall } from './new-call';

describe('decideNewCall: how a new call starts', () => {
  it('is missed (offline) when nobody on the called side takes calls', () => {
    expect(decideNewCall({ available: [], busy: [] })).toEqual({ status: 'missed', endReason: 'offline' });
    // Busy people who are not available do not make the call busy.
    expect(decideNewCall({ available: [], busy: ['u1'] })).toEqual({
      status: 'missed',
      endReason: 'offline',
    });
  });

  it('is busy when every one who takes calls is in a call', () => {
    expect(decideNewCall({ available: ['u1'], busy: ['u1'] })).toEqual({ status: 'busy', endReason: 'busy' });
    expect(decideNewCall({ available: ['u1', 'u2'], busy: ['u2', 'u1'] })).toEqual({
      status: 'busy',
      endReason: 'busy',
    });
  });

  it('rings while at least one available person is free', () => {
    expect(decideNewCall({ available: ['u1'], busy: [] })).toEqual({ status: 'ringing', endReason: null });
    expect(decideNewCall({ available: ['u1', 'u2'], busy: ['u1'] })).toEqual({
      status: 'ringing',
      endReason: null,
    });
    // Someone busy who no longer takes calls does not count against the free one.
    expect(decideNewCall({ available: ['u2'], busy: ['u1'] })).toEqual({
      status: 'ringing',
      endReason: null,
    });
  });
});
