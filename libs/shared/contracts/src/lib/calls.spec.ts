import { CALL_STATUSES, CALL_TRANSITIONS, LIVE_CALL_STATUSES } from './calls';

describe('call state machine', () => {
  it('names a transition list for every status', () => {
    expect(Object.keys(CALL_TRANSITIONS).sort()).toEqual([...CALL_STATUSES].sort());
  });

  it('lets only live calls change status', () => {
    for (const status of CALL_STATUSES) {
      const live = LIVE_CALL_STATUSES.includes(status);
      expect(CALL_TRANSITIONS[status].length > 0).toBe(live);
    }
  });

  it('moves only to known statuses', () => {
    for (const targets of Object.values(CALL_TRANSITIONS)) {
      for (const target of targets) expect(CALL_STATUSES).toContain(target);
    }
  });

  it('never answers a call twice', () => {
    expect(CALL_TRANSITIONS.accepted).not.toContain('accepted');
  });
});
