import { DefaultRecoveryPolicy } from './recovery-policy';

describe('DefaultRecoveryPolicy', () => {
  const policy = new DefaultRecoveryPolicy();
  const steps = (polite: boolean) =>
    Array.from({ length: 5 }, (_, attempt) => policy.next({ attempt, elapsedMs: attempt * 5000, polite }));

  it('restarts ICE twice, then replaces the connection every 8 s, and never gives up', () => {
    expect(steps(false)).toEqual([
      { action: 'ice-restart', delayMs: 0, settleMs: 4000 },
      { action: 'ice-restart', delayMs: 1000, settleMs: 4000 },
      { action: 'new-connection', delayMs: 0, settleMs: 6000 },
      { action: 'new-connection', delayMs: 2000, settleMs: 6000 },
      { action: 'new-connection', delayMs: 2000, settleMs: 6000 },
    ]);
    expect(policy.next({ attempt: 500, elapsedMs: 3_600_000, polite: false }).action).toBe('new-connection');
  });

  it('lets the caller replace first: the callee waits 4 s longer', () => {
    const caller = steps(false);
    const callee = steps(true);
    expect(callee.slice(0, 2)).toEqual(caller.slice(0, 2));
    expect(callee.slice(2).map((s) => s.delayMs)).toEqual(caller.slice(2).map((s) => s.delayMs + 4000));
  });
});
